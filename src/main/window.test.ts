import { describe, expect, it } from 'vitest'
import { mainWindowOptions, secureWebPreferences } from './window'

describe('main window security settings', () => {
  const prefs = mainWindowOptions('/app/out/preload/index.js').webPreferences

  it('sandboxes and isolates the renderer', () => {
    expect(prefs).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    })
  })

  it('loads only our preload', () => {
    expect(prefs?.preload).toBe('/app/out/preload/index.js')
  })

  it('never enables Blink features or remote module escape hatches', () => {
    const all = secureWebPreferences('/p') as Record<string, unknown>
    expect(all['enableBlinkFeatures']).toBeUndefined()
    expect(all['enableRemoteModule']).toBeUndefined()
  })
})
