import { useState } from 'react'
import type { IncomingProtocol, OAuthAccountAuth, OAuthProviderId } from '../../../../shared/model/account'
import { errorText } from '../../lib/error-text'
import { Field } from './Field'
import { useSignIn } from './use-sign-in'

/** The providers' names as people know them (presets: src/main/core/auth/providers.ts). */
export const PROVIDER_NAMES: Record<OAuthProviderId, string> = {
  google: 'Google',
  microsoft: 'Microsoft',
  yahoo: 'Yahoo',
  aol: 'AOL',
  fastmail: 'Fastmail',
}

/**
 * The wizard's "Sign in with <Provider>": the provider's own page opens in the system browser
 * (never inside the app, which must not see the password); main keeps the tokens and answers only
 * whether it worked. A provider without a preset is named by its issuer URL and the client id it
 * gave for this app.
 */
export function OAuthSignIn(props: {
  address: string
  protocol: IncomingProtocol
  provider: OAuthProviderId | null
  onSignedIn: (auth: OAuthAccountAuth, signInId: string) => void
}) {
  const signIn = useSignIn()
  const [issuer, setIssuer] = useState('')
  const [clientId, setClientId] = useState('')
  const [scopes, setScopes] = useState('openid email offline_access')
  const name = props.provider ? PROVIDER_NAMES[props.provider] : 'your provider'

  async function start() {
    const auth: OAuthAccountAuth = props.provider
      ? { kind: 'oauth2', provider: props.provider }
      : {
          kind: 'oauth2',
          issuer: issuer.trim(),
          clientId: clientId.trim(),
          scopes: scopes.split(/\s+/).filter(Boolean),
        }
    const id = await signIn.start({ auth, address: props.address, protocol: props.protocol })
    if (id) props.onSignedIn(auth, id)
  }

  const { state } = signIn
  return (
    <fieldset className="oauth-sign-in" data-testid="oauth-sign-in">
      <legend>Sign in with {name}</legend>
      {state.status === 'done' ? (
        <p role="status">Signed in with {name}. Add the account to finish.</p>
      ) : (
        <>
          <p className="field-hint">
            {name === 'your provider' ? 'Your provider' : name} asks you to sign in on its own page, in your
            browser. This app never sees your password there.
          </p>
          {!props.provider && (
            <>
              <Field
                id="oauth-issuer"
                label="Issuer URL"
                hint="From your provider, e.g. https://id.example.com"
              >
                {(aria) => (
                  <input {...aria} type="url" value={issuer} onChange={(e) => setIssuer(e.target.value)} />
                )}
              </Field>
              <Field id="oauth-client-id" label="Client ID">
                {(aria) => <input {...aria} value={clientId} onChange={(e) => setClientId(e.target.value)} />}
              </Field>
              <Field id="oauth-scopes" label="Scopes">
                {(aria) => <input {...aria} value={scopes} onChange={(e) => setScopes(e.target.value)} />}
              </Field>
            </>
          )}
          {state.status === 'waiting' ? (
            <div role="status">
              <p>Finish signing in in your browser…</p>
              <button type="button" onClick={signIn.cancel}>
                Cancel sign-in
              </button>
            </div>
          ) : (
            <button type="button" onClick={() => void start()}>
              Sign in with {name}
            </button>
          )}
          {state.status === 'failed' && (
            <p role="alert">
              {errorText(state.error).title} {errorText(state.error).action}
            </p>
          )}
        </>
      )}
    </fieldset>
  )
}

/** "Sign in again" on an account whose grant has ended: the same sign-in, for that account. */
export function SignInAgainButton(props: { accountId: string; label: string }) {
  const signIn = useSignIn()
  const { state } = signIn
  if (state.status === 'waiting') {
    return (
      <span role="status">
        Finish signing in in your browser…{' '}
        <button type="button" onClick={signIn.cancel}>
          Cancel sign-in
        </button>
      </span>
    )
  }
  return (
    <span>
      <button
        type="button"
        aria-label={`Sign in again to ${props.label}`}
        onClick={() => void signIn.start({ accountId: props.accountId })}
      >
        Sign in again
      </button>
      {state.status === 'failed' && <span role="alert"> {errorText(state.error).title}</span>}
    </span>
  )
}
