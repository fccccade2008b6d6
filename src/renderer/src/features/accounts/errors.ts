import type { AppErrorData } from '../../../../shared/errors'
import { IpcError } from '../../lib/ipc'

/** Any rejection as typed error data (IpcError carries main's; anything else is a bug). */
export function toErrorData(err: unknown): AppErrorData {
  return err instanceof IpcError ? err.data : { code: 'INTERNAL', message: String(err), retryable: false }
}
