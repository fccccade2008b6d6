import { useState } from 'react'
import type { AppErrorData } from '../../../../shared/errors'
import type { Draft, OutboxItem } from '../../../../shared/model/compose'
import { ErrorNotice } from '../../lib/ErrorNotice'
import { call } from '../../lib/ipc'
import { ServerCopyNotice } from './ServerCopyNotice'
import { errorData } from '../../lib/error-data'
import { useNow, useOutbox } from './use-outbox'

const STATE_TEXT: Record<OutboxItem['state'], string> = {
  queued: 'Waiting to send',
  sending: 'Sending…',
  sent: 'Sent',
  failed: 'Not sent',
  uncertain: 'May have been sent',
}

interface Props {
  /** A message came back out of the outbox: open its draft in the composer. */
  onEdit: (draft: Draft) => void
}

/** What is waiting, leaving, sent or failed, with undo while a message waits. */
export function OutboxView({ onEdit }: Props) {
  const { items } = useOutbox()
  const now = useNow(items.some((i) => i.state === 'queued' || (i.sentCopy === 'pending' && i.sentCopyError)))
  const [error, setError] = useState<AppErrorData | null>(null)
  const act = (fn: () => Promise<unknown>) => {
    setError(null)
    fn().catch((err: unknown) => setError(errorData(err)))
  }
  const takeBack = (id: string) =>
    act(async () => {
      onEdit(await call('undoSend', id))
    })
  if (items.length === 0) return <p className="muted">The outbox is empty.</p>
  return (
    <div>
      {error && <ErrorNotice error={error} />}
      <ul className="outbox" data-testid="outbox">
        {items.map((item) => {
          const wait = Math.max(0, Math.ceil((item.sendAt - now) / 1000))
          const retrying = item.state === 'queued' && item.lastError !== null
          return (
            <li
              key={item.id}
              className={`outbox-item state-${item.state}`}
              data-testid="outbox-item"
              data-state={item.state}
            >
              <div className="outbox-subject">{item.subject || '(no subject)'}</div>
              <div className="outbox-to">To {item.recipients.join(', ')}</div>
              <div className="outbox-state" data-testid="outbox-state">
                {STATE_TEXT[item.state]}
                {item.state === 'queued' &&
                  wait > 0 &&
                  (retrying ? ` — next try in ${wait} s` : ` in ${wait} s`)}
              </div>
              {item.state === 'sent' && item.sentCopy !== 'saved' && item.sentCopyError && (
                <ServerCopyNotice
                  folder="Sent"
                  state={item.sentCopy === 'failed' ? 'failed' : 'pending'}
                  error={item.sentCopyError}
                  retryAt={item.sentCopyAt}
                  now={now}
                  onRetry={() => act(() => call('retrySentCopy', item.id))}
                  testId="outbox-sent-copy"
                />
              )}
              {item.lastError && item.state !== 'sent' && (
                <div className="outbox-error">
                  <ErrorNotice error={item.lastError} />
                  {typeof item.lastError.detail?.recipient === 'string' && (
                    <p data-testid="outbox-recipient">Refused recipient: {item.lastError.detail.recipient}</p>
                  )}
                </div>
              )}
              <div className="outbox-actions">
                {item.state === 'queued' && (
                  <button type="button" data-testid="outbox-undo" onClick={() => takeBack(item.id)}>
                    Undo
                  </button>
                )}
                {retrying && (
                  <button type="button" onClick={() => act(() => call('retryNow', item.id))}>
                    Try now
                  </button>
                )}
                {item.state === 'failed' && (
                  <button type="button" data-testid="outbox-edit" onClick={() => takeBack(item.id)}>
                    Edit
                  </button>
                )}
                {item.state === 'uncertain' && (
                  <>
                    <button
                      type="button"
                      onClick={() => act(() => call('resolveUncertain', item.id, 'was-sent'))}
                    >
                      It arrived
                    </button>
                    <button
                      type="button"
                      onClick={() => act(() => call('resolveUncertain', item.id, 'send-again'))}
                    >
                      Send again
                    </button>
                    <button type="button" onClick={() => takeBack(item.id)}>
                      Edit
                    </button>
                  </>
                )}
              </div>
            </li>
          )
        })}
      </ul>
    </div>
  )
}
