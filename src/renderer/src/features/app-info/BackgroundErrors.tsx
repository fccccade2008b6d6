import { useEffect, useState } from 'react'
import type { AppErrorData } from '../../../../shared/errors'
import { ErrorNotice } from '../../lib/ErrorNotice'
import { onMailEvent } from '../../lib/ipc'
import { accountList, useAccounts } from '../../lib/use-accounts'

interface Shown {
  key: number
  accountId: string | undefined
  error: AppErrorData
}

/** At most this many at once: the newest, one per account and kind of failure. */
const MAX_SHOWN = 3

/**
 * Failures of work nobody is watching (a sync that cannot reach the server, a queued move the
 * server refused, a POP3 check): main reports them as `app:error`, and they are shown here with
 * the server's own words until the person dismisses them.
 */
export function BackgroundErrors() {
  const [shown, setShown] = useState<Shown[]>([])
  const accounts = accountList(useAccounts())
  const accountName = (id: string) => {
    const a = accounts?.find((x) => x.id === id)
    return a ? a.displayName || a.address : id
  }
  useEffect(() => {
    let key = 0
    return onMailEvent('app:error', ({ accountId, error }) => {
      // CANCELLED is the app stopping work on purpose, not a failure to tell anyone about.
      if (error.code === 'CANCELLED') return
      setShown((list) =>
        [
          { key: ++key, accountId, error },
          ...list.filter((s) => s.accountId !== accountId || s.error.code !== error.code),
        ].slice(0, MAX_SHOWN),
      )
    })
  }, [])
  if (shown.length === 0) return null
  return (
    <section className="background-errors" aria-label="Problems" data-testid="background-errors">
      {shown.map((s) => (
        <div key={s.key} className="background-error">
          {s.accountId && <p className="muted">{accountName(s.accountId)}</p>}
          <ErrorNotice error={s.error} />
          <button type="button" onClick={() => setShown((list) => list.filter((x) => x.key !== s.key))}>
            Dismiss
          </button>
        </div>
      ))}
    </section>
  )
}
