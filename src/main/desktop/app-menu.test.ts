import { describe, expect, it } from 'vitest'
import { COMMANDS, type CommandId } from '../../shared/commands/command-table'
import { appMenuTemplate, type MenuTemplateItem } from './app-menu'

function menu(platform: string, preset: 'default' | 'gmail' = 'default') {
  const ran: CommandId[] = []
  const template = appMenuTemplate({ platform, appName: 'Mailroom', preset, run: (id) => ran.push(id) })
  const items = (t: MenuTemplateItem[]): MenuTemplateItem[] =>
    t.flatMap((i) => [i, ...items(i.submenu ?? [])])
  const byId = (id: string) => items(template).find((i) => i.id === id)
  return { template, ran, byId, all: items(template) }
}

describe('the application menu', () => {
  it('lists every command of the table once, and a click asks the page to run it', () => {
    const { all, byId, ran } = menu('linux')
    const ids = all.flatMap((i) => (i.id ? [i.id] : []))
    expect([...ids].sort()).toEqual(COMMANDS.map((c) => c.id).sort())
    byId('reply')?.click?.()
    byId('showShortcuts')?.click?.()
    expect(ran).toEqual(['reply', 'showShortcuts'])
    expect(byId('reply')?.label).toBe('Reply')
  })

  it('shows the preset’s keys without registering single keys (text fields keep their letters)', () => {
    const linux = menu('linux')
    expect(linux.byId('reply')).toMatchObject({ accelerator: 'R', registerAccelerator: false })
    expect(linux.byId('forwardAsAttachment')?.accelerator).toBe('Shift+F')
    expect(linux.byId('delete')?.accelerator).toBe('Delete')
    expect(linux.byId('copyTo')?.accelerator).toBeUndefined()
    expect(linux.all.filter((i) => i.accelerator && i.registerAccelerator !== false)).toEqual([])
    const gmail = menu('win32', 'gmail')
    expect(gmail.byId('delete')?.accelerator).toBe('#')
    expect(gmail.byId('archive')?.accelerator).toBe('E')
    expect(gmail.byId('newMessage')?.accelerator).toBe('C')
  })

  it('on macOS has the app and window menus and puts no single key on an item', () => {
    const mac = menu('darwin')
    expect(mac.template[0]).toEqual({ label: 'Mailroom', role: 'appMenu' })
    expect(mac.all.some((i) => i.role === 'windowMenu')).toBe(true)
    expect(mac.all.filter((i) => i.id && i.accelerator)).toEqual([])
    expect(menu('linux').all.some((i) => i.role === 'quit')).toBe(true)
  })
})
