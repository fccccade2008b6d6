import { useAppInfo } from '../app-info'

/** Says so when passwords cannot go to a system keychain and live only in this session's memory. */
export function KeychainNotice() {
  const info = useAppInfo()
  if (info.state !== 'ready' || info.value.secretStorage !== 'session-memory') return null
  return (
    <p className="warning" role="note" data-testid="keychain-notice">
      No system keychain was found, so passwords are kept in memory for this session only. You will be asked
      for them again after the app restarts.
    </p>
  )
}
