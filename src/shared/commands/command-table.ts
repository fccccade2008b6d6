/**
 * The one table of the app's commands: what each is called, where it appears and which keys run
 * it in each preset. Pure data, shared by the renderer (keys, buttons, the `?` sheet, the message
 * context menu) and main (the application menu), so a command has one name and one key everywhere.
 * What a command does, and when it can, is the renderer's side of the table (lib/commands).
 *
 * Keys are written as `aria-keyshortcuts` values: a KeyboardEvent `key` ("j", "Delete", "#"),
 * "Shift+" before a letter for its capital ("Shift+F" is the key "F").
 */

export const COMMAND_IDS = [
  'newMessage',
  'search',
  'showShortcuts',
  'next',
  'previous',
  'reply',
  'replyAll',
  'forward',
  'forwardAsAttachment',
  'toggleRead',
  'markRead',
  'markUnread',
  'toggleFlag',
  'moveTo',
  'copyTo',
  'archive',
  'junk',
  'delete',
  'viewSource',
] as const

export type CommandId = (typeof COMMAND_IDS)[number]

export const PRESETS = ['default', 'gmail'] as const
export type PresetId = (typeof PRESETS)[number]
export const PRESET_LABELS: Record<PresetId, string> = { default: 'Default', gmail: 'Gmail' }

/** The application menu a command is listed under. */
export type MenuGroup = 'file' | 'message' | 'go' | 'help'

export interface CommandInfo {
  id: CommandId
  label: string
  menu: MenuGroup
  keys: Record<PresetId, readonly string[]>
  /** Listed in a message's context menu (right-click, Shift+F10). */
  contextMenu?: boolean
}

const same = (...keys: string[]) => ({ default: keys, gmail: keys })

export const COMMANDS: readonly CommandInfo[] = [
  { id: 'newMessage', label: 'New message', menu: 'file', keys: { default: ['n'], gmail: ['c'] } },
  { id: 'search', label: 'Search mail', menu: 'go', keys: same('/') },
  { id: 'showShortcuts', label: 'Keyboard shortcuts', menu: 'help', keys: same('?') },
  { id: 'next', label: 'Next message', menu: 'go', keys: same('j') },
  { id: 'previous', label: 'Previous message', menu: 'go', keys: same('k') },
  { id: 'reply', label: 'Reply', menu: 'message', keys: same('r'), contextMenu: true },
  { id: 'replyAll', label: 'Reply all', menu: 'message', keys: same('a'), contextMenu: true },
  { id: 'forward', label: 'Forward', menu: 'message', keys: same('f'), contextMenu: true },
  {
    id: 'forwardAsAttachment',
    label: 'Forward as attachment',
    menu: 'message',
    keys: same('Shift+F'),
    contextMenu: true,
  },
  // Gmail has no toggle: Shift+I and Shift+U (below).
  { id: 'toggleRead', label: 'Mark as read / unread', menu: 'message', keys: { default: ['u'], gmail: [] } },
  {
    id: 'markRead',
    label: 'Mark as read',
    menu: 'message',
    keys: { default: [], gmail: ['Shift+I'] },
    contextMenu: true,
  },
  {
    id: 'markUnread',
    label: 'Mark as unread',
    menu: 'message',
    keys: { default: [], gmail: ['Shift+U'] },
    contextMenu: true,
  },
  { id: 'toggleFlag', label: 'Flag / unflag', menu: 'message', keys: same('s'), contextMenu: true },
  { id: 'moveTo', label: 'Move to…', menu: 'message', keys: same('v'), contextMenu: true },
  { id: 'copyTo', label: 'Copy to…', menu: 'message', keys: same(), contextMenu: true },
  {
    id: 'archive',
    label: 'Archive',
    menu: 'message',
    keys: { default: [], gmail: ['e'] },
    contextMenu: true,
  },
  { id: 'junk', label: 'Junk', menu: 'message', keys: { default: [], gmail: ['!'] }, contextMenu: true },
  {
    id: 'delete',
    label: 'Delete',
    menu: 'message',
    keys: { default: ['Delete'], gmail: ['#', 'Delete'] },
    contextMenu: true,
  },
  { id: 'viewSource', label: 'View source', menu: 'message', keys: same(), contextMenu: true },
]

/**
 * Keys that belong to the focused list or dialog rather than to a command (ARIA listbox and menu
 * keys): not remappable, shown on the `?` sheet so it lists every key.
 */
export const LIST_KEYS: readonly { keys: string; label: string }[] = [
  { keys: '↑ / ↓', label: 'Previous / next message in the list' },
  { keys: 'Home / End, Page Up / Page Down', label: 'First / last message, a page up or down' },
  { keys: 'Enter', label: 'Open the message' },
  { keys: 'Shift+↑ / Shift+↓, Shift+click', label: 'Extend the selection' },
  { keys: 'Ctrl+click (⌘+click)', label: 'Add or remove a message from the selection' },
  { keys: 'Ctrl+A (⌘+A)', label: 'Select every message in the list' },
  { keys: 'Escape', label: 'Clear the selection, close a dialog or menu' },
  { keys: 'Shift+F10, Menu key, right-click', label: 'Actions on the message' },
  { keys: 'Ctrl+F (⌘+F)', label: 'Search mail' },
  { keys: 'Ctrl+Z (⌘+Z)', label: 'Undo the last move, delete, junk or mark' },
  { keys: 'Ctrl+Enter (⌘+Enter)', label: 'Send (in the composer)' },
  { keys: 'Escape', label: 'Save the draft and close the composer' },
  { keys: 'Ctrl+Shift+D (⌘+Shift+D)', label: 'Discard the draft (in the composer; Undo brings it back)' },
]

export function commandInfo(id: CommandId): CommandInfo {
  const info = COMMANDS.find((c) => c.id === id)
  if (!info) throw new Error(`Unknown command ${id}`)
  return info
}

export function isPreset(value: unknown): value is PresetId {
  return typeof value === 'string' && (PRESETS as readonly string[]).includes(value)
}

/** The KeyboardEvent `key` a binding matches ("Shift+F" is "F"; "Shift+Delete" stays). */
function eventKey(binding: string): { key: string; shift: boolean | null } {
  const m = /^Shift\+(.+)$/.exec(binding)
  if (m?.[1] && /^[A-Za-z]$/.test(m[1])) return { key: m[1].toUpperCase(), shift: null }
  if (m?.[1]) return { key: m[1], shift: true }
  // A printable character carries its Shift in the character itself ("?", "#", "F").
  return { key: binding, shift: binding.length === 1 ? null : false }
}

/** The command a key runs in a preset (modifier keys other than Shift are the caller's to refuse). */
export function commandForKey(key: string, shiftKey: boolean, preset: PresetId): CommandId | undefined {
  for (const c of COMMANDS) {
    for (const b of c.keys[preset]) {
      const want = eventKey(b)
      if (want.key === key && (want.shift === null || want.shift === shiftKey)) return c.id
    }
  }
  return undefined
}

/** How a key is written on screen ("Shift+F", "Delete", "?"). */
export function keyLabel(binding: string): string {
  return binding.length === 1 ? binding.toUpperCase() : binding
}

/**
 * An Electron accelerator for a binding ("r" → "R", "Shift+F" stays, "?" stays): Electron names
 * keys by their upper-case letter and accepts punctuation as it is.
 */
export function toAccelerator(binding: string): string {
  return binding.length === 1 ? binding.toUpperCase() : binding
}

/** Every key bound twice within a preset (the table's own check). */
export function conflicts(preset: PresetId): string[] {
  const seen = new Map<string, CommandId>()
  const clashes: string[] = []
  for (const c of COMMANDS) {
    for (const b of c.keys[preset]) {
      const k = eventKey(b).key
      const before = seen.get(k)
      if (before) clashes.push(`${b}: ${before} and ${c.id}`)
      else seen.set(k, c.id)
    }
  }
  return clashes
}

export function isCommandId(value: unknown): value is CommandId {
  return typeof value === 'string' && (COMMAND_IDS as readonly string[]).includes(value)
}
