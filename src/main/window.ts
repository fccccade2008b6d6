import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron'

/**
 * The renderer's security settings. Kept in a pure module (types only from electron) so a unit
 * test can read exactly what the bootstrap passes to BrowserWindow.
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: true,
  }
}

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 760,
    minHeight: 480,
    show: false,
    title: 'Mailroom',
    backgroundColor: '#f7f7f8',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(preloadPath),
  }
}
