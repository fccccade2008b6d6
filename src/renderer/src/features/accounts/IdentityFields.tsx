import { useEffect, useRef, useState } from 'react'
import type { Problems } from './account-form'
import { Field } from './Field'
import {
  LAST_IDENTITY_REASON,
  identityInputId,
  identityKey,
  makeDefault,
  newIdentity,
  removeIdentity,
  type IdentityForm,
} from './identity-form'

/**
 * An account's identities, as Thunderbird's "Manage Identities" has them: each editable, one
 * added or removed at a time, any made the default. Keyboard-only: adding puts the cursor in the
 * new name, removing in the neighbour's, and each change is announced. The last identity stays,
 * and its Remove button (still focusable, so the reason is heard) says why.
 */
export function IdentityFields(props: {
  identities: IdentityForm[]
  onChange: (identities: IdentityForm[]) => void
  problems: Problems
}) {
  const { identities, onChange, problems } = props
  const [announcement, setAnnouncement] = useState('')
  // Where the cursor goes once the changed list has rendered.
  const focusNext = useRef<string | null>(null)
  useEffect(() => {
    if (!focusNext.current) return
    document.getElementById(focusNext.current)?.focus()
    focusNext.current = null
  })
  const setFocusId = (id: string) => void (focusNext.current = id)
  const only = identities.length <= 1
  const label = (identity: IdentityForm, i: number) => identity.address.trim() || `identity ${i + 1}`

  const edit = (i: number, patch: Partial<IdentityForm>) =>
    onChange(identities.map((identity, j) => (j === i ? { ...identity, ...patch } : identity)))
  const add = () => {
    onChange([...identities, newIdentity()])
    setFocusId(identityInputId(identities.length, 'name'))
    setAnnouncement(`Identity ${identities.length + 1} added.`)
  }
  const remove = (i: number) => {
    if (only) return setAnnouncement(LAST_IDENTITY_REASON)
    const gone = identities[i]!
    onChange(removeIdentity(identities, i))
    setFocusId(identityInputId(Math.min(i, identities.length - 2), 'name'))
    setAnnouncement(`Removed ${label(gone, i)}.`)
  }
  const promote = (i: number) => {
    onChange(makeDefault(identities, i))
    setFocusId(identityInputId(0, 'name'))
    setAnnouncement(`${label(identities[i]!, i)} is now the default identity.`)
  }

  return (
    <fieldset className="identities" aria-describedby="identities-hint">
      <legend>Identities</legend>
      <p id="identities-hint" className="field-hint">
        The names and addresses you send from with this account. The first is the From of new messages; a
        reply comes from the identity the message was sent to.
      </p>
      {problems['identities'] && (
        <p id="identities-error" className="field-error">
          {problems['identities']}
        </p>
      )}
      <ol className="identity-list">
        {identities.map((identity, i) => (
          <li key={identity.key} data-testid="identity-item">
            <fieldset>
              <legend>
                Identity {i + 1}
                {i === 0 ? ' (default)' : ''}
              </legend>
              <Field id={identityInputId(i, 'name')} label="Name" error={problems[identityKey(i, 'name')]}>
                {(aria) => (
                  <input
                    {...aria}
                    value={identity.name}
                    autoComplete="name"
                    onChange={(e) => edit(i, { name: e.target.value })}
                  />
                )}
              </Field>
              <Field
                id={identityInputId(i, 'address')}
                label="Address"
                error={problems[identityKey(i, 'address')]}
              >
                {(aria) => (
                  <input
                    {...aria}
                    type="email"
                    value={identity.address}
                    spellCheck={false}
                    onChange={(e) => edit(i, { address: e.target.value })}
                  />
                )}
              </Field>
              <Field
                id={identityInputId(i, 'signature')}
                label="Signature"
                hint="Added below “-- ” in new messages and replies."
                error={problems[identityKey(i, 'signature')]}
              >
                {(aria) => (
                  <textarea
                    {...aria}
                    rows={3}
                    value={identity.signature}
                    onChange={(e) => edit(i, { signature: e.target.value })}
                  />
                )}
              </Field>
              <div className="actions">
                {i > 0 && (
                  <button
                    type="button"
                    onClick={() => promote(i)}
                    aria-label={`Make ${label(identity, i)} the default`}
                  >
                    Make default
                  </button>
                )}
                <button
                  type="button"
                  onClick={() => remove(i)}
                  aria-label={`Remove ${label(identity, i)}`}
                  aria-disabled={only}
                  aria-describedby={only ? 'identity-last-reason' : undefined}
                >
                  Remove
                </button>
              </div>
            </fieldset>
          </li>
        ))}
      </ol>
      {only && (
        <p id="identity-last-reason" className="field-hint">
          {LAST_IDENTITY_REASON}
        </p>
      )}
      <button type="button" id="identity-add" onClick={add}>
        Add identity
      </button>
      <p role="status" className="visually-hidden" data-testid="identity-announcement">
        {announcement}
      </p>
    </fieldset>
  )
}
