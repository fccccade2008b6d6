import type { CommandBindings } from '../../lib/commands'
import { ContextMenu, menuItemsFor, useCommandPrefs } from '../../lib/commands'

export interface MenuAt {
  index: number
  at: { x: number; y: number }
}

/** A message's context menu: the context-menu commands of the table, for that message. */
export function MessageMenu(props: { at: MenuAt['at']; bindings: CommandBindings; onClose: () => void }) {
  const [prefs] = useCommandPrefs()
  return (
    <ContextMenu
      label="Message actions"
      items={menuItemsFor(props.bindings, prefs.preset)}
      at={props.at}
      onClose={props.onClose}
    />
  )
}
