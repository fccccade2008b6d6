import type { AccountForm, Problems } from './account-form'
import { Field } from './Field'

/**
 * The account's own certificate authority (enterprise mail whose servers' certificates the
 * organization issues itself): pasted or loaded from a PEM file, trusted for this account's two
 * servers only (main checks that it holds CA certificates; host names and dates are still checked).
 */
export function TrustedCaField(props: {
  form: AccountForm
  onChange: (form: AccountForm) => void
  problems: Problems
}) {
  const { form, onChange, problems } = props
  const set = (trustedCa: string) => onChange({ ...form, trustedCa })
  return (
    <details className="trusted-ca" open={form.trustedCa !== '' || problems['trustedCa'] !== undefined}>
      <summary>Certificate authority (enterprise mail)</summary>
      <Field
        id="account-trusted-ca"
        label="Your organization’s certificate authority (PEM)"
        hint="Only if your organization issues its mail servers’ certificates itself. It is trusted for this account’s servers only."
        error={problems['trustedCa']}
      >
        {(aria) => (
          <textarea
            {...aria}
            rows={4}
            spellCheck={false}
            value={form.trustedCa}
            placeholder="-----BEGIN CERTIFICATE-----"
            onChange={(e) => set(e.target.value)}
          />
        )}
      </Field>
      <div className="field">
        <label htmlFor="account-trusted-ca-file">Load it from a file</label>
        <input
          id="account-trusted-ca-file"
          type="file"
          accept=".pem,.crt,.cer,application/x-pem-file"
          onChange={(e) => {
            const file = e.target.files?.[0]
            if (!file) return
            const reader = new FileReader()
            reader.onload = () => typeof reader.result === 'string' && set(reader.result)
            reader.readAsText(file)
          }}
        />
      </div>
      {form.trustedCa !== '' && (
        <button type="button" onClick={() => set('')}>
          Remove the certificate authority
        </button>
      )}
    </details>
  )
}
