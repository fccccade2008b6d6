import { useEffect, useRef } from 'react'
import type { AppErrorData } from '../../../../shared/errors'
import { accountErrorText } from './account-words'

/**
 * A failed verification in words, with the server's own words, the certificate's fingerprint
 * for TLS failures, and, where it makes sense, the choice to trust that one certificate.
 * Takes focus when it appears, so keyboard and screen-reader users land on it.
 */
export function VerificationError(props: {
  error: AppErrorData
  onTrustCertificate?: (() => void) | undefined
}) {
  const { error } = props
  const text = accountErrorText(error)
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => ref.current?.focus(), [error])
  const fingerprint = error.detail?.fingerprint
  const server = error.detail?.serverResponse
  return (
    <div ref={ref} tabIndex={-1} role="alert" className="error-notice" data-error-code={error.code}>
      <strong>{text.title}</strong>
      {text.action && <p>{text.action}</p>}
      {server && (
        <p className="server-words">
          The server said: <q>{server}</q>
        </p>
      )}
      {fingerprint && (
        <p className="fingerprint">
          Certificate fingerprint (SHA-256): <code data-testid="certificate-fingerprint">{fingerprint}</code>
        </p>
      )}
      {fingerprint && text.canTrustCertificate && props.onTrustCertificate && (
        <button type="button" onClick={props.onTrustCertificate}>
          Trust this certificate for this server
        </button>
      )}
    </div>
  )
}
