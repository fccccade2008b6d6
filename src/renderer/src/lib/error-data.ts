import type { AppErrorData } from '../../../shared/errors'
import { IpcError } from './ipc'

/** Any rejection as typed error data for ErrorNotice (non-IPC failures are INTERNAL). */
export function errorData(err: unknown): AppErrorData {
  if (err instanceof IpcError) return err.data
  return { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err), retryable: false }
}
