import { useEffect, useRef, useState } from 'react'
import type { Account } from '../../../../shared/model/account'
import { ErrorNotice } from '../../lib/ErrorNotice'
import { call } from '../../lib/ipc'
import { AccountEditor } from './AccountEditor'
import { AccountWizard } from './AccountWizard'
import { errorData } from '../../lib/error-data'
import { KeychainNotice } from './KeychainNotice'
import { OfflineBodiesLine } from './OfflineBodiesLine'
import { Pop3StatusLine } from './Pop3StatusLine'
import { SignInAgainButton } from './OAuthSignIn'
import { useAccounts } from '../../lib/use-accounts'
import type { AppErrorData } from '../../../../shared/errors'
import './accounts.css'

const SECURITY: Record<string, string> = { tls: 'SSL/TLS', starttls: 'STARTTLS', none: 'unencrypted' }

/** The accounts page: every account with its servers, to edit or remove; and adding another. */
export function AccountsPage(props: { onClose?: () => void }) {
  const accounts = useAccounts()
  const [editing, setEditing] = useState<Account | null>(null)
  const [adding, setAdding] = useState(false)
  const [removing, setRemoving] = useState<Account | null>(null)
  const [error, setError] = useState<AppErrorData | null>(null)
  const heading = useRef<HTMLHeadingElement>(null)
  const confirmButton = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    if (!editing && !adding) heading.current?.focus()
  }, [editing, adding])
  // Asking to remove moves the focus to the confirmation, so Enter or Tab+Enter decides.
  useEffect(() => {
    if (removing) confirmButton.current?.focus()
  }, [removing])

  if (editing) return <AccountEditor account={editing} onClose={() => setEditing(null)} />
  if (adding) return <AccountWizard onDone={() => setAdding(false)} onCancel={() => setAdding(false)} />

  async function remove(account: Account) {
    setError(null)
    try {
      await call('removeAccount', account.id)
    } catch (err) {
      setError(errorData(err))
    }
    setRemoving(null)
  }

  return (
    <section className="accounts-page" aria-labelledby="accounts-title">
      <h2 id="accounts-title" ref={heading} tabIndex={-1}>
        Accounts
      </h2>
      <KeychainNotice />
      {error && <ErrorNotice error={error} />}
      {accounts.state === 'loading' && <p aria-busy="true">Loading…</p>}
      {accounts.state === 'failed' && <ErrorNotice error={accounts.error} />}
      {accounts.state === 'ready' && (
        <ul className="account-list" data-testid="account-list">
          {accounts.accounts.map((a) => (
            <li key={a.id} data-testid="account-item">
              <div>
                <strong>{a.displayName}</strong> <span className="muted">{a.address}</span>
                <p className="muted">
                  {a.incoming.protocol.toUpperCase()} {a.incoming.host}:{a.incoming.port} (
                  {SECURITY[a.incoming.security]}) · SMTP {a.outgoing.host}:{a.outgoing.port} (
                  {SECURITY[a.outgoing.security]})
                </p>
                <p className="muted" data-testid="account-identities">
                  {a.identities.length === 1 ? 'Identity' : 'Identities'}:{' '}
                  {a.identities.map((i) => (i.name ? `${i.name} <${i.address}>` : i.address)).join(', ')}
                </p>
                {a.incoming.protocol === 'pop3' && <Pop3StatusLine accountId={a.id} label={a.displayName} />}
                {a.needsSignIn && (
                  <p className="account-sign-in" data-testid="account-needs-sign-in">
                    Your sign-in with this provider has ended: mail is paused and messages wait in the outbox.{' '}
                    <SignInAgainButton accountId={a.id} label={a.displayName} />
                  </p>
                )}
                {a.incoming.protocol === 'imap' && (
                  <OfflineBodiesLine accountId={a.id} label={a.displayName} />
                )}
              </div>
              {removing?.id === a.id ? (
                <div role="group" aria-label={`Remove ${a.displayName}?`} className="confirm">
                  <p>
                    Remove {a.displayName}? Its mail stored on this computer and its saved password are
                    deleted; mail on the server is not touched.
                  </p>
                  <button type="button" className="danger" onClick={() => void remove(a)} ref={confirmButton}>
                    Remove
                  </button>
                  <button type="button" onClick={() => setRemoving(null)}>
                    Keep
                  </button>
                </div>
              ) : (
                <div className="actions">
                  <button type="button" onClick={() => setEditing(a)} aria-label={`Edit ${a.displayName}`}>
                    Edit
                  </button>
                  <button type="button" onClick={() => setRemoving(a)} aria-label={`Remove ${a.displayName}`}>
                    Remove
                  </button>
                </div>
              )}
            </li>
          ))}
          {accounts.accounts.length === 0 && <li>No accounts yet.</li>}
        </ul>
      )}
      <div className="actions">
        <button type="button" onClick={() => setAdding(true)}>
          Add account
        </button>
        {props.onClose && (
          <button type="button" onClick={props.onClose}>
            Close
          </button>
        )}
      </div>
    </section>
  )
}
