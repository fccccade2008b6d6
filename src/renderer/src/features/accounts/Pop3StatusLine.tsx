import { useCallback, useEffect, useState } from 'react'
import { isAppErrorData, type AppErrorData } from '../../../../shared/errors'
import type { Pop3Status } from '../../../../shared/model/account'
import { ErrorNotice } from '../../lib/ErrorNotice'
import { call, onMailEvent } from '../../lib/ipc'
import { CheckNowButton } from './CheckNowButton'

const when = (ms: number) => new Date(ms).toLocaleString()

/** The last check's error: main keeps it as AppErrorData in JSON (with the server's words). */
function lastErrorOf(value: string): AppErrorData | string {
  try {
    const parsed: unknown = JSON.parse(value)
    return isAppErrorData(parsed) ? parsed : value
  } catch {
    return value
  }
}

/**
 * How a POP3 account's last check went: when, whether it failed (in the server's words), and, on
 * servers without UIDL, that messages are recognized by their content (every check then downloads
 * everything); and "Check now".
 */
export function Pop3StatusLine({ accountId, label }: { accountId: string; label?: string }) {
  const [status, setStatus] = useState<Pop3Status | null>(null)
  const load = useCallback(() => {
    call('getPop3Status', accountId).then(setStatus, () => undefined)
  }, [accountId])
  useEffect(() => {
    load()
    const mine = (p: { accountId?: string }) => p.accountId === accountId && load()
    const offs = [onMailEvent('mailbox:changed', mine), onMailEvent('app:error', mine)]
    return () => offs.forEach((off) => off())
  }, [accountId, load])
  const error = status?.lastError ? lastErrorOf(status.lastError) : null
  return (
    <div className="pop3-status muted" data-testid="pop3-status">
      {status?.lastCheckAt != null && <p>Last checked {when(status.lastCheckAt)}.</p>}
      {typeof error === 'string' && <p role="status">The last check failed: {error}</p>}
      {error && typeof error !== 'string' && (
        <div role="status">
          <p>The last check failed:</p>
          <ErrorNotice error={error} />
        </div>
      )}
      {status?.identity === 'content-hash' && (
        <p role="note">
          This server does not give messages stable ids (no UIDL), so Mailroom recognizes them by their
          content: each check downloads every message to compare.
        </p>
      )}
      <CheckNowButton accountId={accountId} label={label ?? 'this account'} onDone={load} />
    </div>
  )
}
