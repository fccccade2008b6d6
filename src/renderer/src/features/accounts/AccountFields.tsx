import type { DiscoverySource } from '../../../../shared/model/discovery'
import { withAddress, type AccountForm, type Problems } from './account-form'
import { Field } from './Field'
import { IdentityFields } from './IdentityFields'
import { Pop3Fields } from './Pop3Fields'
import { ServerFields } from './ServerFields'
import { TrustedCaField } from './TrustedCaField'

/**
 * Every field of an account: its address and password(s), its identities, and both servers. Used by the
 * wizard's review step, manual setup, and editing (where an empty password keeps the saved one).
 */
export function AccountFields(props: {
  form: AccountForm
  onChange: (form: AccountForm) => void
  problems: Problems
  mode: 'new' | 'edit'
  sources?: { incoming?: DiscoverySource | undefined; outgoing?: DiscoverySource | undefined }
}) {
  const { form, onChange, problems } = props
  const set = (patch: Partial<AccountForm>) => onChange({ ...form, ...patch })
  const editing = props.mode === 'edit'
  return (
    <div className="account-fields">
      <fieldset>
        <legend>Account</legend>
        <Field id="account-address" label="Email address" error={problems['address']}>
          {(aria) => (
            <input
              {...aria}
              type="email"
              value={form.address}
              autoComplete="email"
              spellCheck={false}
              onChange={(e) => onChange(withAddress(form, e.target.value))}
            />
          )}
        </Field>
        <Field
          id="account-display-name"
          label="Account name"
          hint="How this account is listed in the app."
          error={problems['displayName']}
        >
          {(aria) => (
            <input
              {...aria}
              value={form.displayName}
              onChange={(e) => set({ displayName: e.target.value })}
            />
          )}
        </Field>
        <Field
          id="account-password"
          label={editing ? 'New password' : 'Password'}
          hint={editing ? 'Leave empty to keep the saved password.' : undefined}
          error={problems['password']}
        >
          {(aria) => (
            <input
              {...aria}
              type="password"
              value={form.password}
              autoComplete={editing ? 'new-password' : 'current-password'}
              onChange={(e) => set({ password: e.target.value })}
            />
          )}
        </Field>
        <div className="field checkbox">
          <input
            id="account-separate-password"
            type="checkbox"
            checked={form.separateOutgoingPassword}
            onChange={(e) => set({ separateOutgoingPassword: e.target.checked })}
          />
          <label htmlFor="account-separate-password">The outgoing server has its own password</label>
        </div>
        {form.separateOutgoingPassword && (
          <Field
            id="account-outgoing-password"
            label="Outgoing server password"
            error={problems['outgoingPassword']}
          >
            {(aria) => (
              <input
                {...aria}
                type="password"
                value={form.outgoingPassword}
                autoComplete="off"
                onChange={(e) => set({ outgoingPassword: e.target.value })}
              />
            )}
          </Field>
        )}
      </fieldset>
      <IdentityFields
        identities={form.identities}
        onChange={(identities) => set({ identities })}
        problems={problems}
      />
      <ServerFields
        role="incoming"
        form={form}
        onChange={onChange}
        problems={problems}
        source={props.sources?.incoming}
      />
      {form.incoming.protocol === 'pop3' && (
        <Pop3Fields form={form} onChange={onChange} problems={problems} />
      )}
      <ServerFields
        role="outgoing"
        form={form}
        onChange={onChange}
        problems={problems}
        source={props.sources?.outgoing}
      />
      <TrustedCaField form={form} onChange={onChange} problems={problems} />
    </div>
  )
}
