import { useEffect, useRef } from 'react'
import type { AppErrorData, AppErrorDetail } from '../../../../shared/errors'
import { accountErrorText, day } from './account-words'

/**
 * A failed verification in words, with the server's own words, the refused certificate for TLS
 * failures (fingerprint, issued to / by, names, validity), and, where it makes sense, the choice
 * to trust that one certificate.
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
      {fingerprint && <CertificateFacts detail={error.detail ?? {}} fingerprint={fingerprint} />}
      {fingerprint && text.canTrustCertificate && props.onTrustCertificate && (
        <button type="button" onClick={props.onTrustCertificate}>
          Trust this certificate for this server
        </button>
      )}
    </div>
  )
}

/** Which certificate was refused: enough to compare with what the server's administrator says. */
function CertificateFacts({ detail, fingerprint }: { detail: AppErrorDetail; fingerprint: string }) {
  const text = (key: string) => (typeof detail[key] === 'string' && detail[key] ? String(detail[key]) : null)
  const subject = text('subject')
  const issuer = text('issuer')
  const names = text('certificateNames')
  const from = text('validFrom')
  const to = text('validTo')
  return (
    <dl className="facts certificate" data-testid="certificate-facts">
      <dt>Fingerprint (SHA-256)</dt>
      <dd>
        <code data-testid="certificate-fingerprint">{fingerprint}</code>
      </dd>
      {subject && (
        <>
          <dt>Issued to</dt>
          <dd data-testid="certificate-subject">{subject}</dd>
        </>
      )}
      {names && (
        <>
          <dt>Names</dt>
          <dd>{names}</dd>
        </>
      )}
      {issuer && (
        <>
          <dt>Issued by</dt>
          <dd data-testid="certificate-issuer">{issuer}</dd>
        </>
      )}
      {from && to && (
        <>
          <dt>Valid</dt>
          <dd data-testid="certificate-validity">
            from {day(from)} to {day(to)}
          </dd>
        </>
      )}
    </dl>
  )
}
