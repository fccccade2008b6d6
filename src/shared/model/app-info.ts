/** Where passwords are kept: the OS keychain, or (when none is reachable) this session's memory only. */
export type SecretStorageKind = 'os-keychain' | 'session-memory'

export interface AppInfo {
  name: string
  version: string
  /** The folder holding the local store and settings (Electron's userData). */
  dataDir: string
  platform: string
  secretStorage: SecretStorageKind
}
