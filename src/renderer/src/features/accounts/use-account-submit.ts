import { useState } from 'react'
import type { AppErrorData } from '../../../../shared/errors'
import { formFieldOf, formProblems, type AccountForm, type Problems } from './account-form'
import { errorData } from '../../lib/error-data'

const FIELD_IDS: Record<string, string> = {
  identities: 'identity-add',
  address: 'account-address',
  displayName: 'account-display-name',
  password: 'account-password',
  outgoingPassword: 'account-outgoing-password',
  trustedCa: 'account-trusted-ca',
}
/** The DOM id of a form field key ("incoming.host" → "incoming-host", "identities.1.name" → "identity-1-name"). */
export const fieldId = (key: string) =>
  FIELD_IDS[key] ?? key.replace(/^identities\./, 'identity.').replace(/\./g, '-')

/**
 * Submitting an account form: checks the fields first (and puts the cursor on the first bad
 * one), then saves through main, which verifies the servers. A field main refuses is shown at
 * that field; any other failure is kept as `error` for VerificationError.
 */
export function useAccountSubmit<T>(save: (form: AccountForm) => Promise<T>, passwordRequired: boolean) {
  const [problems, setProblems] = useState<Problems>({})
  const [error, setError] = useState<AppErrorData | null>(null)
  const [busy, setBusy] = useState(false)

  async function submit(form: AccountForm): Promise<T | null> {
    const found = formProblems(form, passwordRequired)
    setProblems(found)
    setError(null)
    const first = Object.keys(found)[0]
    if (first) {
      document.getElementById(fieldId(first))?.focus()
      return null
    }
    setBusy(true)
    try {
      return await save(form)
    } catch (err) {
      const data = errorData(err)
      const field = data.code === 'INVALID_INPUT' ? formFieldOf(data.detail?.field) : undefined
      if (field) {
        setProblems({ [field]: data.message })
        document.getElementById(fieldId(field))?.focus()
      } else {
        setError(data)
      }
      return null
    } finally {
      setBusy(false)
    }
  }

  return { problems, error, busy, submit, clearError: () => setError(null) }
}

/**
 * The form with an exception for the certificate a TLS failure showed, for that server only. It
 * accepts another name than the server's only when the error showed the person that the
 * certificate names another server (wrong-host, or nameMatches false).
 */
export function withPinFor(form: AccountForm, error: AppErrorData): AccountForm {
  const role = error.detail?.role === 'outgoing' ? 'outgoing' : 'incoming'
  const fingerprint = error.detail?.fingerprint
  if (!fingerprint) return form
  const otherName = error.detail?.tlsReason === 'wrong-host' || error.detail?.nameMatches === false
  const pin = {
    host: form[role].host.trim(),
    port: Number(form[role].port),
    fingerprint,
    ...(otherName ? { allowNameMismatch: true } : {}),
  }
  return { ...form, pins: [...form.pins.filter((p) => !(p.host === pin.host && p.port === pin.port)), pin] }
}
