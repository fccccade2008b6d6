import type { AppErrorData } from '../../../../shared/errors'
import { IpcError } from '../../lib/ipc'

/** Any rejection as the typed error data the notices show. */
export function errorData(err: unknown): AppErrorData {
  return err instanceof IpcError ? err.data : { code: 'INTERNAL', message: String(err), retryable: false }
}
