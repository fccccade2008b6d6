import type { AppErrorData } from '../../../shared/errors'
import { errorText } from './error-text'

/** An error in words a person understands, with the server's own words when there are any. */
export function ErrorNotice({ error }: { error: AppErrorData }) {
  const text = errorText(error)
  const server = error.detail?.serverResponse
  return (
    <div role="alert" className="error-notice" data-error-code={error.code}>
      <strong>{text.title}</strong>
      {text.action && <p>{text.action}</p>}
      {server && (
        <p className="server-words">
          The server said: <q>{server}</q>
        </p>
      )}
    </div>
  )
}
