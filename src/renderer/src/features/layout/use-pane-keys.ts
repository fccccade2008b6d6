import { useEffect } from 'react'

/** The panes F6 moves between, in order (as in Thunderbird and Outlook). */
const PANES = ['.folder-column [role="tree"]', '.list-column [role="listbox"]', '.reader-column']

const shown = (el: HTMLElement) => el.getClientRects().length > 0

/**
 * F6 and Shift+F6 move the keyboard to the next or previous pane: folders, messages, the message.
 * A pane hidden by the narrow layout is skipped. The reader column takes focus itself (tabindex -1)
 * so that Tab goes on to its buttons.
 */
export function usePaneKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'F6' || e.ctrlKey || e.altKey || e.metaKey) return
      const panes = PANES.map((s) => document.querySelector<HTMLElement>(s)).filter(
        (el): el is HTMLElement => el !== null && shown(el),
      )
      if (panes.length === 0) return
      e.preventDefault()
      const active = document.activeElement
      const at = panes.findIndex((p) => p.contains(active))
      const step = e.shiftKey ? -1 : 1
      const next = panes[at < 0 ? 0 : (at + step + panes.length) % panes.length]!
      if (next.tabIndex < 0 && !next.hasAttribute('tabindex')) next.tabIndex = -1
      next.focus()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}
