import { contextBridge, ipcRenderer } from 'electron'
import { buildMailBridge } from './mail-bridge'

// The only thing the renderer gets: window.mail, built from the contract's method list.
contextBridge.exposeInMainWorld(
  'mail',
  buildMailBridge({
    invoke: (channel, args) => ipcRenderer.invoke(channel, ...args),
    subscribe: (channel, listener) => {
      const wrapped = (_event: Electron.IpcRendererEvent, payload: unknown) => listener(payload)
      ipcRenderer.on(channel, wrapped)
      return () => void ipcRenderer.removeListener(channel, wrapped)
    },
  }),
)
