import type { AppInfo } from '../../../../shared/model/app-info'
import { ErrorNotice } from '../../lib/ErrorNotice'
import { useAppInfo } from './use-app-info'

const STORAGE_TEXT: Record<AppInfo['secretStorage'], string> = {
  'os-keychain': 'in the system keychain',
  'session-memory': 'in memory for this session only (no system keychain was found)',
}

/** Facts about the running app: version, where data lives, where passwords are kept. */
export function AppInfoPanel() {
  const info = useAppInfo()
  if (info.state === 'loading') return <p aria-busy="true">Loading…</p>
  if (info.state === 'failed') return <ErrorNotice error={info.error} />
  const { value } = info
  return (
    <dl className="facts" data-testid="app-info">
      <dt>Version</dt>
      <dd data-testid="app-version">{value.version}</dd>
      <dt>Data folder</dt>
      <dd data-testid="app-data-dir">{value.dataDir}</dd>
      <dt>Passwords</dt>
      <dd data-testid="app-secret-storage">Kept {STORAGE_TEXT[value.secretStorage]}</dd>
    </dl>
  )
}
