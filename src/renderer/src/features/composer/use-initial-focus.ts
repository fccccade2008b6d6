import { useEffect, type RefObject } from 'react'

/**
 * Where typing goes when a composer opens: a new message starts in To, a reply (its recipients
 * already filled) in the body. Without it focus stayed on the button that opened the composer and
 * the first letters typed reached the reader's single-key shortcuts behind it.
 */
export function useInitialFocus(root: RefObject<HTMLElement | null>, toFirst: boolean): void {
  useEffect(() => {
    const target = (): HTMLElement | null =>
      root.current?.querySelector<HTMLElement>(
        toFirst ? '[data-testid="composer-to"]' : '.ProseMirror, textarea.plain-body',
      ) ?? null
    const now = target()
    if (now) {
      now.focus()
      return
    }
    // The rich editor mounts its editable element a moment after the composer.
    let tries = 0
    const timer = setInterval(() => {
      const el = target()
      if (el || ++tries > 20) clearInterval(timer)
      el?.focus()
    }, 25)
    return () => clearInterval(timer)
  }, [root, toFirst])
}
