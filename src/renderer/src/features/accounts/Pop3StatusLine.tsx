import { useEffect, useState } from 'react'
import type { Pop3Status } from '../../../../shared/model/account'
import { call, onMailEvent } from '../../lib/ipc'

const when = (ms: number) => new Date(ms).toLocaleString()

/**
 * How a POP3 account's last check went: when, whether it failed, and, on servers without UIDL,
 * that messages are recognized by their content (every check then downloads everything).
 */
export function Pop3StatusLine({ accountId }: { accountId: string }) {
  const [status, setStatus] = useState<Pop3Status | null>(null)
  useEffect(() => {
    let live = true
    const load = () =>
      void call('getPop3Status', accountId).then(
        (s) => live && setStatus(s),
        () => undefined,
      )
    load()
    const mine = (p: { accountId?: string }) => p.accountId === accountId && load()
    const offs = [onMailEvent('mailbox:changed', mine), onMailEvent('app:error', mine)]
    return () => {
      live = false
      offs.forEach((off) => off())
    }
  }, [accountId])
  if (!status) return null
  return (
    <div className="pop3-status muted" data-testid="pop3-status">
      {status.lastCheckAt !== null && <p>Last checked {when(status.lastCheckAt)}.</p>}
      {status.lastError && <p role="status">The last check failed: {status.lastError}</p>}
      {status.identity === 'content-hash' && (
        <p role="note">
          This server does not give messages stable ids (no UIDL), so Mailroom recognizes them by their
          content: each check downloads every message to compare.
        </p>
      )}
    </div>
  )
}
