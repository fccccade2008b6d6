import { describe, expect, it } from 'vitest'
import { createEventBus } from '../core/events'
import type { MenuTemplateItem } from '../desktop/app-menu'
import { installDesktop } from './electron-desktop'

describe('desktop integration in Electron', () => {
  it('sets the menu from the table, rebuilds it for another preset, and sends clicks to the page', async () => {
    const events = createEventBus()
    const menus: MenuTemplateItem[][] = []
    const badges: number[] = []
    const sent: unknown[] = []
    events.onAny((event, payload) => sent.push({ event, payload }))
    const desktop = installDesktop({
      app: { getName: () => 'Mailroom', setBadgeCount: (n?: number) => (badges.push(n ?? 0), true) },
      Menu: {
        buildFromTemplate: (t) => t as never,
        setApplicationMenu: (m) => void menus.push(m as unknown as MenuTemplateItem[]),
      },
      platform: 'linux',
      services: {
        events,
        accounts: { list: () => [{ id: 'a1' }, { id: 'a2' }] } as never,
        mail: {
          listMailboxes: (id: string) =>
            Promise.resolve([
              { role: 'inbox', unread: id === 'a1' ? 2 : 3 },
              { role: 'trash', unread: 9 },
            ]),
        } as never,
      },
    })
    const find = (t: MenuTemplateItem[], id: string): MenuTemplateItem | undefined =>
      t.flatMap((i) => [i, ...(i.submenu ?? [])]).find((i) => i.id === id)
    expect(find(menus[0]!, 'delete')?.accelerator).toBe('Delete')
    events.emit('app:key-preset', { preset: 'gmail' })
    expect(find(menus[1]!, 'delete')?.accelerator).toBe('#')
    find(menus[1]!, 'archive')?.click?.()
    expect(sent).toEqual([{ event: 'command:run', payload: { id: 'archive' } }])
    await new Promise((r) => setTimeout(r, 0))
    expect(badges).toEqual([5])
    desktop.close()
  })
})
