import { useEffect, useRef, useState } from 'react'
import type { Account } from '../../../../shared/model/account'
import type { DiscoveryResult } from '../../../../shared/model/discovery'
import { isValidEmailAddress } from '../../../../shared/validation'
import { call } from '../../lib/ipc'
import {
  applyDiscovery,
  defaultName,
  manualForm,
  newForm,
  toDraft,
  toCredentials,
  withDefaultName,
  type AccountForm,
} from './account-form'
import { PHASE_TEXT, accountErrorText } from './account-words'
import { AccountFields } from './AccountFields'
import { Field } from './Field'
import { KeychainNotice } from './KeychainNotice'
import { OAuthSignIn } from './OAuthSignIn'
import { useAccountSubmit, withPinFor } from './use-account-submit'
import { useDiscovery } from './use-discovery'
import { VerificationError } from './VerificationError'
import './accounts.css'

type Step = 'start' | 'search' | 'review' | 'done'

/**
 * Adding an account: name, address and password → searching (with progress, cancellable) →
 * the settings found, shown and editable → verified and saved → done. "Set up manually" skips
 * the search. Each step moves the focus to its heading, so it works from the keyboard alone.
 */
export function AccountWizard(props: {
  title?: string
  onDone: (account: Account | null) => void
  onCancel?: () => void
}) {
  const [step, setStep] = useState<Step>('start')
  const [form, setForm] = useState<AccountForm>(() => newForm('', '', ''))
  const [found, setFound] = useState<DiscoveryResult | null>(null)
  const [startProblems, setStartProblems] = useState<Record<string, string>>({})
  const [saved, setSaved] = useState<Account | null>(null)
  const discovery = useDiscovery()
  // "Sign in with <Provider>" instead of a password: offered when the search says so, or asked for.
  const [oauthAsked, setOAuthAsked] = useState(false)
  const save = useAccountSubmit((f) => call('addAccount', toDraft(f), toCredentials(f)), !form.signInId)
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [step])

  function begin(manual: boolean, oauth = false) {
    setOAuthAsked(oauth)
    const problems: Record<string, string> = {}
    if (!isValidEmailAddress(form.address.trim()))
      problems['address'] = 'Enter an address like name@example.com.'
    if (form.password.length === 0 && !oauth) problems['password'] = 'Enter your password.'
    setStartProblems(problems)
    if (Object.keys(problems).length > 0) {
      document.getElementById(problems['address'] ? 'wizard-address' : 'wizard-password')?.focus()
      return
    }
    const address = form.address.trim()
    const name = defaultName(form).trim()
    const base = { ...newForm(name, address, form.password), displayName: address }
    if (manual) {
      setFound(null)
      setForm(manualForm(name, address, base.password))
      setStep('review')
    } else {
      setForm(base)
      discovery.start(address, (outcome) => {
        // Show what the search found, or an empty form to fill in.
        const result = 'result' in outcome ? outcome.result : null
        setFound(result)
        setForm((f) =>
          result && (result.incoming || result.outgoing)
            ? applyDiscovery(f, result)
            : manualForm(defaultName(f), f.address, f.password),
        )
        setStep('review')
      })
      setStep('search')
    }
  }

  async function add(f: AccountForm) {
    const account = await save.submit(f)
    if (account) {
      setSaved(account)
      setStep('done')
    }
  }

  function trust(error: Parameters<typeof withPinFor>[1]) {
    const pinned = withPinFor(form, error)
    setForm(pinned)
    void add(pinned)
  }

  return (
    <section className="account-wizard" aria-labelledby="wizard-title">
      {step === 'start' && (
        <form onSubmit={(e) => (e.preventDefault(), begin(false))} noValidate>
          <h2 id="wizard-title" ref={heading} tabIndex={-1}>
            {props.title ?? 'Add a mail account'}
          </h2>
          <p>
            Type your address and password: we will find your provider’s servers and check that they work.
          </p>
          <KeychainNotice />
          <Field id="wizard-name" label="Your name" hint="Shown to the people you write to.">
            {(aria) => (
              <input
                {...aria}
                value={defaultName(form)}
                autoComplete="name"
                onChange={(e) => setForm(withDefaultName(form, e.target.value))}
              />
            )}
          </Field>
          <Field id="wizard-address" label="Email address" error={startProblems['address']}>
            {(aria) => (
              <input
                {...aria}
                type="email"
                value={form.address}
                autoComplete="email"
                spellCheck={false}
                onChange={(e) => setForm({ ...form, address: e.target.value })}
              />
            )}
          </Field>
          <Field id="wizard-password" label="Password" error={startProblems['password']}>
            {(aria) => (
              <input
                {...aria}
                type="password"
                value={form.password}
                autoComplete="current-password"
                onChange={(e) => setForm({ ...form, password: e.target.value })}
              />
            )}
          </Field>
          <div className="actions">
            <button type="submit">Continue</button>
            <button type="button" onClick={() => begin(true)}>
              Set up manually
            </button>
            <button type="button" onClick={() => begin(false, true)}>
              Sign in on my provider’s page instead
            </button>
            {props.onCancel && (
              <button type="button" onClick={props.onCancel}>
                Cancel
              </button>
            )}
          </div>
        </form>
      )}

      {step === 'search' && (
        <div>
          <h2 id="wizard-title" ref={heading} tabIndex={-1}>
            Looking for your servers
          </h2>
          <div role="status" aria-live="polite" data-testid="discovery-progress">
            {discovery.state.status === 'running' && (
              <>
                <p>{PHASE_TEXT[discovery.state.phase]}</p>
                <progress value={discovery.state.done} max={discovery.state.total} />
              </>
            )}
          </div>
          <div className="actions">
            <button type="button" onClick={() => (discovery.cancel(), setStep('start'))}>
              Cancel
            </button>
          </div>
        </div>
      )}

      {step === 'review' && (
        <form onSubmit={(e) => (e.preventDefault(), void add(form))} noValidate aria-busy={save.busy}>
          <h2 id="wizard-title" ref={heading} tabIndex={-1}>
            {found?.incoming || found?.outgoing ? 'Check your settings' : 'Enter your server settings'}
          </h2>
          {found && (found.incoming || found.outgoing) ? (
            <p>
              {found.providerName ? `${found.providerName}: ` : ''}These settings were found for{' '}
              {found.address}. Change anything that is not right.
            </p>
          ) : (
            <p>
              We could not find settings for this address automatically. Your provider’s help pages list them.
            </p>
          )}
          {discovery.state.status === 'failed' && (
            <p className="field-hint">{accountErrorText(discovery.state.error).title}</p>
          )}
          {found?.notes.map((note) => (
            <p key={note} className="field-hint">
              {note}
            </p>
          ))}
          {(found?.oauth || oauthAsked) && (
            <OAuthSignIn
              address={form.address}
              protocol={form.incoming.protocol}
              provider={found?.oauth?.provider ?? null}
              onSignedIn={(auth, signInId) => setForm((f) => ({ ...f, auth, signInId }))}
            />
          )}
          <AccountFields
            form={form}
            onChange={setForm}
            problems={save.problems}
            mode="new"
            sources={{ incoming: found?.incoming?.source, outgoing: found?.outgoing?.source }}
          />
          {save.error && (
            <VerificationError error={save.error} onTrustCertificate={() => trust(save.error!)} />
          )}
          {save.busy && <p role="status">Checking the servers…</p>}
          <div className="actions">
            <button type="submit" disabled={save.busy}>
              Add account
            </button>
            <button type="button" disabled={save.busy} onClick={() => (save.clearError(), setStep('start'))}>
              Back
            </button>
          </div>
        </form>
      )}

      {step === 'done' && (
        <div>
          <h2 id="wizard-title" ref={heading} tabIndex={-1}>
            Your account is ready
          </h2>
          <p data-testid="wizard-done">{saved?.address} works: both servers accepted your login.</p>
          <div className="actions">
            <button type="button" onClick={() => props.onDone(saved)}>
              Done
            </button>
          </div>
        </div>
      )}
    </section>
  )
}
