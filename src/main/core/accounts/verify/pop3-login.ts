import type { ConnectionOptions } from 'node:tls'
import { AppError } from '../../../../shared/errors'
import type { IncomingSettings } from '../../../../shared/model/account'

/** POP3 login check: waits for the POP3 client (core/pop3) to land on main. */
export function verifyPop3Login(
  _settings: IncomingSettings,
  _password: string,
  _tls: ConnectionOptions,
  _timeoutMs: number,
): Promise<void> {
  return Promise.reject(new AppError('INTERNAL', 'POP3 verification not available yet'))
}
