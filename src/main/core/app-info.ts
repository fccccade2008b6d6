import type { AppInfo } from '../../shared/model/app-info'
import type { SecretStore } from './secrets/secret-store'

export interface AppInfoService {
  getAppInfo(): Promise<AppInfo>
}

export function createAppInfoService(opts: {
  name: string
  version: string
  dataDir: string
  platform: string
  secrets: SecretStore
}): AppInfoService {
  return {
    getAppInfo: () =>
      Promise.resolve({
        name: opts.name,
        version: opts.version,
        dataDir: opts.dataDir,
        platform: opts.platform,
        secretStorage: opts.secrets.kind,
      }),
  }
}
