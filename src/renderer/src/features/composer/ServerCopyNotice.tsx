import type { AppErrorData } from '../../../../shared/errors'
import { ErrorNotice } from '../../lib/ErrorNotice'

interface Props {
  /** Which copy: "the Sent folder" or "the Drafts folder". */
  folder: string
  /** failed: refused for good (Retry); pending: tried again by itself at `retryAt`. */
  state: 'pending' | 'failed'
  error: AppErrorData
  retryAt: number | null
  now: number
  busy?: boolean
  onRetry: () => void
  testId: string
}

/**
 * A copy the server has not taken (the Sent copy of a sent message, the Drafts copy of a draft):
 * that the local copy is safe, the server's own words, when it is tried again, and Retry.
 */
export function ServerCopyNotice({ folder, state, error, retryAt, now, busy, onRetry, testId }: Props) {
  const wait = retryAt === null ? 0 : Math.max(0, Math.ceil((retryAt - now) / 1000))
  return (
    <div className="server-copy" data-testid={testId} data-copy-state={state}>
      <p>
        {state === 'failed'
          ? `The server did not save the copy in ${folder}. It is kept on this computer and shown in ${folder} until the server has it.`
          : `Not in ${folder} on the server yet; kept on this computer.${wait > 0 ? ` Next try in ${wait} s.` : ''}`}
      </p>
      <ErrorNotice error={error} />
      <button type="button" data-testid={`${testId}-retry`} disabled={busy} onClick={onRetry}>
        {state === 'failed' ? 'Retry' : 'Try now'}
      </button>
    </div>
  )
}
