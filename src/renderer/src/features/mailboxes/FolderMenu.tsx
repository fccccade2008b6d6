import { useEffect, useRef, type KeyboardEvent } from 'react'
import type { Mailbox } from '../../../../shared/model/mail'
import { folderCommands, type FolderCommand } from './use-folder-menu'

/**
 * The folder context menu (right click, the Menu key or Shift+F10 on a folder): a WAI-ARIA menu,
 * arrows move, Enter chooses, Escape or a click elsewhere closes.
 */
export function FolderMenu(props: {
  mailbox: Mailbox
  x: number
  y: number
  onChoose: (command: FolderCommand) => void
  onClose: () => void
}) {
  const ref = useRef<HTMLUListElement>(null)
  const commands = folderCommands(props.mailbox)
  const { onClose } = props
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])')?.focus()
    const away = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) onClose()
    }
    document.addEventListener('mousedown', away)
    return () => document.removeEventListener('mousedown', away)
  }, [onClose])

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    const items = Array.from(e.currentTarget.querySelectorAll<HTMLElement>('[role="menuitem"]'))
    const at = items.indexOf(document.activeElement as HTMLElement)
    const step = (d: number) => items[(at + d + items.length) % items.length]?.focus()
    const keys: Record<string, () => void> = {
      ArrowDown: () => step(1),
      ArrowUp: () => step(-1),
      Home: () => items[0]?.focus(),
      End: () => items[items.length - 1]?.focus(),
      Escape: onClose,
      Tab: onClose,
    }
    const action = keys[e.key]
    // Inside the menu no key reaches the reader's shortcuts.
    e.stopPropagation()
    if (!action) return
    e.preventDefault()
    action()
  }

  return (
    <ul
      ref={ref}
      role="menu"
      aria-label={`Folder ${props.mailbox.name}`}
      className="folder-menu"
      style={{ left: props.x, top: props.y }}
      onKeyDown={onKeyDown}
    >
      {commands.map((c) => (
        <li
          key={c.command}
          role="menuitem"
          tabIndex={-1}
          aria-disabled={!c.enabled || undefined}
          onClick={() => c.enabled && props.onChoose(c.command)}
          onKeyDown={(e) => {
            if ((e.key === 'Enter' || e.key === ' ') && c.enabled) {
              e.preventDefault()
              props.onChoose(c.command)
            }
          }}
        >
          {c.label}
        </li>
      ))}
    </ul>
  )
}
