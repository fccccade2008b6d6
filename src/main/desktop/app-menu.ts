/**
 * The application menu, built from the command table (src/shared/commands) so the menu, the keys
 * and the context menu name each command and its key the same way. Plain Node: the template is
 * data that platform/electron-desktop.ts hands to Electron's Menu, and tests read.
 */
import {
  COMMANDS,
  toAccelerator,
  type CommandId,
  type MenuGroup,
  type PresetId,
} from '../../shared/commands/command-table'

/** The part of Electron's MenuItemConstructorOptions the template uses. */
export interface MenuTemplateItem {
  label?: string
  role?: string
  type?: 'separator' | 'submenu'
  id?: string
  accelerator?: string
  /** false: the key is shown, and the page (which knows about text fields) handles it. */
  registerAccelerator?: boolean
  submenu?: MenuTemplateItem[]
  click?: () => void
}

export interface AppMenuOptions {
  platform: string
  appName: string
  preset: PresetId
  /** Sends the command to the page (`command:run`), which runs it as its key would. */
  run: (id: CommandId) => void
}

function commandItems(group: MenuGroup, o: AppMenuOptions): MenuTemplateItem[] {
  return COMMANDS.filter((c) => c.menu === group).map((c) => {
    const key = c.keys[o.preset][0]
    const item: MenuTemplateItem = { id: c.id, label: c.label, click: () => o.run(c.id) }
    if (key === undefined) return item
    // Single keys must not be system accelerators: typing "r" in a field would reply. The menu
    // shows them (registerAccelerator: false, Linux and Windows); macOS has no such switch and
    // would take the key from every text field, so there the key stays off the menu item.
    if (o.platform === 'darwin') return item
    return { ...item, accelerator: toAccelerator(key), registerAccelerator: false }
  })
}

const separator: MenuTemplateItem = { type: 'separator' }

export function appMenuTemplate(o: AppMenuOptions): MenuTemplateItem[] {
  const mac = o.platform === 'darwin'
  return [
    ...(mac ? [{ label: o.appName, role: 'appMenu' }] : []),
    {
      label: 'File',
      submenu: [...commandItems('file', o), separator, mac ? { role: 'close' } : { role: 'quit' }],
    },
    { label: 'Edit', role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        separator,
        { role: 'togglefullscreen' },
      ],
    },
    { label: 'Go', submenu: commandItems('go', o) },
    { label: 'Message', submenu: commandItems('message', o) },
    ...(mac ? [{ label: 'Window', role: 'windowMenu' }] : []),
    { label: 'Help', role: 'help', submenu: commandItems('help', o) },
  ]
}
