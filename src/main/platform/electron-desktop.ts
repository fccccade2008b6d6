/**
 * Desktop integration in Electron: the application menu (from the command table) and the unread
 * badge. The logic lives in plain Node (desktop/app-menu.ts, desktop/unread-badge.ts); this file
 * only hands their results to Electron. Types only from electron, so it loads in plain Node.
 */
import type { App, Menu, MenuItemConstructorOptions } from 'electron'
import type { CommandId, PresetId } from '../../shared/commands/command-table'
import { appMenuTemplate, type MenuTemplateItem } from '../desktop/app-menu'
import { createUnreadBadge } from '../desktop/unread-badge'
import type { Services } from '../services'

export interface DesktopDeps {
  app: Pick<App, 'getName' | 'setBadgeCount'>
  Menu: Pick<typeof Menu, 'buildFromTemplate' | 'setApplicationMenu'>
  platform: string
  services: Pick<Services, 'events' | 'accounts' | 'mail'>
}

/** Every account's folders (their unread counts) for the badge. */
export function allMailboxes(services: Pick<Services, 'accounts' | 'mail'>) {
  return async () => {
    const lists = await Promise.all(services.accounts.list().map((a) => services.mail.listMailboxes(a.id)))
    return lists.flat()
  }
}

export function installDesktop(deps: DesktopDeps): { close(): void } {
  const { services } = deps
  const run = (id: CommandId) => services.events.emit('command:run', { id })
  const apply = (preset: PresetId) => {
    const template = appMenuTemplate({ platform: deps.platform, appName: deps.app.getName(), preset, run })
    // Our template's items are a subset of Electron's options (role names are Electron's own).
    deps.Menu.setApplicationMenu(
      deps.Menu.buildFromTemplate(template as MenuItemConstructorOptions[] & MenuTemplateItem[]),
    )
  }
  apply('default')
  const offPreset = services.events.on('app:key-preset', ({ preset }) => apply(preset))
  const badge = createUnreadBadge({
    events: services.events,
    mailboxes: allMailboxes(services),
    // Linux (Unity launchers) and macOS show it; elsewhere Electron answers false and shows nothing.
    port: { setBadgeCount: (n) => void deps.app.setBadgeCount(n) },
  })
  void badge.refresh()
  return {
    close() {
      offPreset()
      badge.close()
    },
  }
}
