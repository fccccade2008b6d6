import { useEffect, useId, useState } from 'react'
import type { AppErrorData } from '../../../../shared/errors'
import type { AuthservSetting } from '../../../../shared/model/sender-auth'
import { errorData } from '../../lib/error-data'
import { ErrorNotice } from '../../lib/ErrorNotice'
import { call } from '../../lib/ipc'

function describe(s: AuthservSetting | null): string {
  if (!s || !s.authservId) return 'Not known yet: senders are checked by Mailroom until your mail shows it.'
  return s.origin === 'settings' ? `${s.authservId} (set by you)` : `${s.authservId} (learned from your mail)`
}

/**
 * The receiving server whose sender checks (Authentication-Results, RFC 8601) the account believes:
 * learned from its mail or set here. Results that name another server are ignored.
 */
export function AuthservLine({ accountId, label }: { accountId: string; label: string }) {
  const [setting, setSetting] = useState<AuthservSetting | null>(null)
  const [editing, setEditing] = useState(false)
  const [value, setValue] = useState('')
  const [error, setError] = useState<AppErrorData | null>(null)
  const inputId = useId()
  useEffect(() => {
    let live = true
    call('getAuthservId', accountId).then(
      (s) => live && setSetting(s),
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [accountId])

  async function save(next: string | null) {
    setError(null)
    try {
      await call('setAuthservId', accountId, next)
      setSetting(await call('getAuthservId', accountId))
      setEditing(false)
    } catch (err) {
      setError(errorData(err))
    }
  }

  return (
    <div className="muted" data-testid="authserv-line">
      <p>Mail server that checks senders: {describe(setting)}</p>
      {editing ? (
        <form
          onSubmit={(e) => {
            e.preventDefault()
            void save(value.trim() || null)
          }}
        >
          <label htmlFor={inputId}>
            Server name in its Authentication-Results (for example mx.example.com)
          </label>{' '}
          <input id={inputId} value={value} onChange={(e) => setValue(e.target.value)} spellCheck={false} />{' '}
          <button type="submit">Save</button>{' '}
          <button type="button" onClick={() => void save(null)}>
            Learn from my mail
          </button>{' '}
          <button type="button" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <button
          type="button"
          onClick={() => {
            setValue(setting?.authservId ?? '')
            setEditing(true)
          }}
          aria-label={`Change the mail server that checks senders for ${label}`}
        >
          Change
        </button>
      )}
      {error && <ErrorNotice error={error} />}
    </div>
  )
}
