import type { AppErrorData } from '../../../shared/errors'
import { describeServerAnswer } from '../../../shared/mail/enhanced-status'
import { errorText } from './error-text'

/** An error in words a person understands, with the server's own words when there are any. */
export function ErrorNotice({ error }: { error: AppErrorData }) {
  const text = errorText(error)
  const server = error.detail?.serverResponse
  // RFC 3463: "550 5.1.1 ..." becomes "no such user (5.1.1)" next to the server's own words.
  const status = typeof server === 'string' ? describeServerAnswer(server) : null
  return (
    <div role="alert" className="error-notice" data-error-code={error.code}>
      <strong>{text.title}</strong>
      {text.action && <p>{text.action}</p>}
      {server && (
        <p className="server-words">
          The server said: <q>{server}</q>
          {status && <span className="server-status"> ({status})</span>}
        </p>
      )}
    </div>
  )
}
