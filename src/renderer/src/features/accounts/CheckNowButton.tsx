import { useState } from 'react'
import type { AppErrorData } from '../../../../shared/errors'
import { ErrorNotice } from '../../lib/ErrorNotice'
import { call } from '../../lib/ipc'
import { errorData } from '../../lib/error-data'

/**
 * "Check now" for one account (a POP3 download or an IMAP sync, in main). A failed check shows
 * the server's own words here, where the person asked.
 */
export function CheckNowButton({
  accountId,
  label,
  onDone,
}: {
  accountId: string
  label: string
  onDone?: () => void
}) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<AppErrorData | null>(null)
  const check = () => {
    setBusy(true)
    setError(null)
    call('checkNow', accountId)
      .catch((err: unknown) => setError(errorData(err)))
      .finally(() => {
        setBusy(false)
        onDone?.()
      })
  }
  return (
    <div className="check-now">
      <button
        type="button"
        data-testid="check-now"
        disabled={busy}
        aria-label={`Check ${label} for new mail now`}
        onClick={check}
      >
        {busy ? 'Checking…' : 'Check now'}
      </button>
      {error && <ErrorNotice error={error} />}
    </div>
  )
}
