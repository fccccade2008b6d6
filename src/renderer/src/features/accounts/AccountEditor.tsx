import { useEffect, useRef, useState } from 'react'
import type { Account } from '../../../../shared/model/account'
import type { VerificationReport } from '../../../../shared/model/discovery'
import { call } from '../../lib/ipc'
import { formFromAccount, toDraft, type AccountForm } from './account-form'
import { AccountFields } from './AccountFields'
import { errorData } from '../../lib/error-data'
import { useAccountSubmit, withPinFor } from './use-account-submit'
import { VerificationError } from './VerificationError'

/** Editing one account; changed servers and passwords are verified by main before saving. */
export function AccountEditor(props: { account: Account; onClose: () => void }) {
  const [form, setForm] = useState<AccountForm>(() => formFromAccount(props.account))
  const [report, setReport] = useState<VerificationReport | null>(null)
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [])
  const passwordChanges = (f: AccountForm) => ({
    ...(f.password ? { incoming: f.password } : {}),
    ...(f.separateOutgoingPassword && f.outgoingPassword ? { outgoing: f.outgoingPassword } : {}),
  })
  const save = useAccountSubmit(
    (f) => call('updateAccount', props.account.id, toDraft(f), passwordChanges(f)),
    false,
  )

  async function submit(f: AccountForm) {
    if (await save.submit(f)) props.onClose()
  }
  async function test() {
    setReport(null)
    try {
      setReport(
        await call('testAccount', toDraft(form), { incoming: form.password, ...passwordChanges(form) }),
      )
    } catch (err) {
      setReport({
        incoming: { ok: false, error: errorData(err) },
        outgoing: { ok: false, error: errorData(err) },
      })
    }
  }

  return (
    <form
      className="account-editor"
      onSubmit={(e) => (e.preventDefault(), void submit(form))}
      noValidate
      aria-busy={save.busy}
    >
      <h2 ref={heading} tabIndex={-1}>
        Edit {props.account.displayName}
      </h2>
      <AccountFields form={form} onChange={setForm} problems={save.problems} mode="edit" />
      {save.error && (
        <VerificationError
          error={save.error}
          onTrustCertificate={() => {
            const pinned = withPinFor(form, save.error!)
            setForm(pinned)
            void submit(pinned)
          }}
        />
      )}
      {report && (
        <ul className="test-report" aria-live="polite">
          {(['incoming', 'outgoing'] as const).map((role) => {
            const check = report[role]
            return (
              <li key={role}>
                {check.ok ? (
                  <span>{role === 'incoming' ? 'Incoming' : 'Outgoing'} server: works.</span>
                ) : (
                  <VerificationError
                    error={check.error}
                    onTrustCertificate={() => {
                      const pinned = withPinFor(form, check.error)
                      setForm(pinned)
                      setReport(null)
                      void submit(pinned)
                    }}
                  />
                )}
              </li>
            )
          })}
        </ul>
      )}
      {save.busy && <p role="status">Checking the servers…</p>}
      <div className="actions">
        <button type="submit" disabled={save.busy}>
          Save
        </button>
        <button
          type="button"
          disabled={save.busy || form.password.length === 0}
          onClick={() => void test()}
          title="Enter the password to test the settings"
        >
          Test settings
        </button>
        <button type="button" onClick={props.onClose}>
          Cancel
        </button>
      </div>
    </form>
  )
}
