import type { MailBridge } from '../../shared/ipc/contract'

declare global {
  interface Window {
    /** Built by the preload from the IPC contract; the renderer's only way to reach main. */
    readonly mail: MailBridge
  }
}
