import { useEffect, useRef } from 'react'
import { isCommandId, type CommandId } from '../../../../shared/commands/command-table'
import { onMailEvent } from '../ipc'
import { commandForEvent } from './command-keys'
import { getCommandPrefs, reportPreset } from './command-prefs'

/** What a part of the screen does for a command of the table, and whether it can now. */
export interface CommandBinding {
  run: () => void
  /** Absent: always. A disabled command's key does nothing (and is not swallowed). */
  enabled?: () => boolean
  /** The words for now, where they depend on the message ("Mark as unread"). */
  label?: string
}

export type CommandBindings = Partial<Record<CommandId, CommandBinding>>

/**
 * The parts of the screen that serve commands (the reader's pane, the composer's entry, the
 * shortcut sheet), newest last: the newest scope that binds a command runs it. Keys, the
 * application menu (main's `command:run`) and menus all come through here, so one command runs the
 * same way from each.
 */
const scopes: { current: CommandBindings }[] = []

export function bindingFor(id: CommandId): CommandBinding | undefined {
  for (let i = scopes.length - 1; i >= 0; i--) {
    const b = scopes[i]?.current[id]
    if (b) return b
  }
  return undefined
}

export function commandEnabled(id: CommandId): boolean {
  const b = bindingFor(id)
  return b !== undefined && (b.enabled?.() ?? true)
}

/** Runs a command if something on screen serves it now; says whether it ran. */
export function runCommand(id: CommandId): boolean {
  const b = bindingFor(id)
  if (!b || !(b.enabled?.() ?? true)) return false
  b.run()
  return true
}

/**
 * The one keyboard handler: a key outside text fields and dialogs runs its command in the chosen
 * preset. Exported so the message frame, whose key presses do not reach this document, can
 * forward them.
 */
export function handleCommandKey(e: KeyboardEvent): void {
  const id = commandForEvent(e, getCommandPrefs().preset)
  if (!id || !commandEnabled(id)) return
  e.preventDefault()
  runCommand(id)
}

let installed = 0
let offMenu: (() => void) | null = null

function install(): void {
  if (installed++ > 0) return
  document.addEventListener('keydown', handleCommandKey)
  // A preset chosen in an earlier session: the application menu shows its keys.
  if (getCommandPrefs().preset !== 'default') reportPreset(getCommandPrefs().preset)
  // The application menu (Electron) asks for commands by id; outside Electron nothing sends it.
  try {
    offMenu = onMailEvent('command:run', ({ id }) => {
      if (isCommandId(id)) runCommand(id)
    })
  } catch {
    offMenu = null
  }
}

function uninstall(): void {
  if (--installed > 0) return
  document.removeEventListener('keydown', handleCommandKey)
  offMenu?.()
  offMenu = null
}

/**
 * Serves commands while the component is mounted, with the bindings of its latest render. Returns
 * the key handler (for frames that forward their keys).
 */
export function useCommandScope(bindings: CommandBindings): (e: KeyboardEvent) => void {
  const ref = useRef<CommandBindings>(bindings)
  useEffect(() => {
    ref.current = bindings
  })
  useEffect(() => {
    const scope = ref
    scopes.push(scope)
    install()
    return () => {
      const i = scopes.indexOf(scope)
      if (i >= 0) scopes.splice(i, 1)
      uninstall()
    }
  }, [])
  return handleCommandKey
}
