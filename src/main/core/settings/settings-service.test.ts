import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, nextZoom, type ThemeChoice } from '../../../shared/model/settings'
import { createEventBus } from '../events'
import { openDatabase } from '../store/database'
import { createSettingsService, type AppearancePort } from './settings-service'
import { createSettingsStore } from './settings-store'

function setup(appearance?: AppearancePort) {
  const db = openDatabase(':memory:')
  const events = createEventBus()
  const heard: unknown[] = []
  events.on('settings:changed', (p) => heard.push(p.settings))
  let undoSeconds = 5
  const make = () =>
    createSettingsService({
      store: createSettingsStore(db),
      events,
      undoSend: { get: () => undoSeconds, set: (s) => void (undoSeconds = s) },
      ...(appearance ? { appearance } : {}),
    })
  return { db, heard, make, undo: () => undoSeconds }
}

describe('the settings service', () => {
  it('answers the defaults before anything was stored, and no native display without a port', () => {
    const { make } = setup()
    expect(make().state()).toEqual({
      settings: DEFAULT_SETTINGS,
      capabilities: { nativeZoom: false, nativePrint: false },
    })
  })

  it('stores a change, announces it, and keeps it across a restart (the same store)', () => {
    const { make, heard, undo } = setup()
    const s = make()
    const next = s.update({ theme: 'dark', zoom: 1.25, markReadAfterSeconds: null, undoSendSeconds: 10 })
    expect(next).toMatchObject({ theme: 'dark', zoom: 1.25, markReadAfterSeconds: null, undoSendSeconds: 10 })
    expect(heard).toEqual([next])
    // Undo-send is the outbox's own setting: written there, not twice.
    expect(undo()).toBe(10)
    expect(make().get()).toEqual(next)
  })

  it('refuses a value out of range or of the wrong kind, naming the field, and changes nothing', () => {
    const { make, heard } = setup()
    const s = make()
    expect(() => s.update({ zoom: 9 })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }))
    expect(() => s.update({ theme: 'sepia' as ThemeChoice })).toThrow(
      expect.objectContaining({ detail: { field: 'patch.theme' } }),
    )
    expect(() => s.update({ nope: true } as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    )
    expect(heard).toEqual([])
    expect(s.get()).toEqual(DEFAULT_SETTINGS)
  })

  it('falls back to the default for a stored value that no longer fits (another version, a hand edit)', () => {
    const { db, make } = setup()
    make().update({ conversationView: false })
    db.prepare(
      "INSERT INTO app_settings (key, value) VALUES ('theme', '\"sepia\"'), ('zoom', 'not json')",
    ).run()
    expect(make().get()).toEqual({ ...DEFAULT_SETTINGS, conversationView: false })
  })

  it('applies theme and zoom through the appearance port, and prints through it', async () => {
    const calls: unknown[] = []
    const port: AppearancePort = {
      setThemeSource: (t) => void calls.push(['theme', t]),
      setZoomFactor: (f) => void calls.push(['zoom', f]),
      print: () => Promise.resolve(void calls.push(['print'])),
    }
    const { make } = setup(port)
    const s = make()
    expect(s.state().capabilities).toEqual({ nativeZoom: true, nativePrint: true })
    s.update({ theme: 'light', zoom: 1.5 })
    expect(calls).toEqual([
      ['theme', 'light'],
      ['zoom', 1.5],
    ])
    expect(await s.print()).toBe(true)
    expect(await setup().make().print()).toBe(false)
  })
})

describe('zoom steps', () => {
  it('go to the next step up or down from any factor, within 0.5 .. 3', () => {
    expect(nextZoom(1, 1)).toBe(1.1)
    expect(nextZoom(1, -1)).toBe(0.9)
    expect(nextZoom(1.3, -1)).toBe(1.25)
    expect(nextZoom(3, 1)).toBe(3)
    expect(nextZoom(0.5, -1)).toBe(0.5)
  })
})
