import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import { COMMANDS, keyLabel, type CommandId, type PresetId } from '../../../../shared/commands/command-table'
import type { CommandBindings } from './command-scope'
import './context-menu.css'

export interface MenuItem {
  id: CommandId
  label: string
  /** The key shown beside it, in the chosen preset. */
  shortcut?: string
  disabled: boolean
  run: () => void
}

/** The context-menu commands of the table, served by these bindings, in the table's order. */
export function menuItemsFor(bindings: CommandBindings, preset: PresetId): MenuItem[] {
  return COMMANDS.filter((c) => c.contextMenu).flatMap((c) => {
    const b = bindings[c.id]
    if (!b) return []
    const key = c.keys[preset][0]
    return [
      {
        id: c.id,
        label: b.label ?? c.label,
        ...(key !== undefined && { shortcut: keyLabel(key) }),
        disabled: !(b.enabled?.() ?? true),
        run: b.run,
      },
    ]
  })
}

/**
 * A menu of commands at a point (a right-click, or Shift+F10 / the Menu key on a row): the ARIA
 * menu pattern. Focus goes to the first item; arrows, Home and End move (wrapping), Enter or Space
 * runs, Escape and Tab close, as does a click elsewhere. Disabled items stay in the list
 * (announced, skipped by nothing) so the menu's shape does not change under the person.
 */
export function ContextMenu(props: {
  label: string
  items: readonly MenuItem[]
  at: { x: number; y: number }
  onClose: () => void
}) {
  const { items, onClose } = props
  const ref = useRef<HTMLUListElement>(null)
  const [active, setActive] = useState(() =>
    Math.max(
      0,
      items.findIndex((i) => !i.disabled),
    ),
  )

  // Focus goes back where it was (the list's row) when the menu closes; a dialog a command opens
  // takes it after that. Declared before the effect that focuses an item, so it sees the focus
  // from before the menu.
  useEffect(() => {
    const before = document.activeElement
    return () => {
      if (before instanceof HTMLElement && before.isConnected) before.focus()
    }
  }, [])

  useEffect(() => {
    ref.current?.querySelector<HTMLElement>(`[data-menu-index="${active}"]`)?.focus()
  }, [active])

  useEffect(() => {
    const outside = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) onClose()
    }
    document.addEventListener('mousedown', outside)
    window.addEventListener('blur', onClose)
    return () => {
      document.removeEventListener('mousedown', outside)
      window.removeEventListener('blur', onClose)
    }
  }, [onClose])

  const choose = (item: MenuItem | undefined) => {
    if (!item || item.disabled) return
    onClose()
    item.run()
  }
  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    const last = items.length - 1
    const moves: Record<string, number> = {
      ArrowDown: active >= last ? 0 : active + 1,
      ArrowUp: active <= 0 ? last : active - 1,
      Home: 0,
      End: last,
    }
    const to = moves[e.key]
    // Every key stays in the menu: none reaches the reader's shortcuts behind it.
    e.stopPropagation()
    if (to !== undefined) {
      e.preventDefault()
      setActive(to)
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault()
      choose(items[active])
    } else if (e.key === 'Escape' || e.key === 'Tab') {
      e.preventDefault()
      onClose()
    }
  }

  // Kept inside the window: a menu opened near the right or bottom edge opens towards the middle.
  const style = {
    left: Math.max(0, Math.min(props.at.x, window.innerWidth - 240)),
    top: Math.max(0, Math.min(props.at.y, window.innerHeight - 32 * items.length - 8)),
  }
  return (
    <ul
      ref={ref}
      className="context-menu"
      role="menu"
      aria-label={props.label}
      style={style}
      onKeyDown={onKeyDown}
    >
      {items.map((item, i) => (
        <li
          key={item.id}
          role="menuitem"
          data-menu-index={i}
          tabIndex={i === active ? 0 : -1}
          aria-disabled={item.disabled || undefined}
          aria-keyshortcuts={item.shortcut}
          className="context-menu-item"
          onClick={() => choose(item)}
          onMouseEnter={() => !item.disabled && setActive(i)}
        >
          <span>{item.label}</span>
          {item.shortcut && <kbd aria-hidden="true">{item.shortcut}</kbd>}
        </li>
      ))}
    </ul>
  )
}
