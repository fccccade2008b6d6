import type { AppErrorData } from '../../../shared/errors'
import type { MailApi, MailEventName, MailEvents, MailMethod } from '../../../shared/ipc/contract'

/** A failed call, carrying main's typed error data for error-text.ts to put into words. */
export class IpcError extends Error {
  readonly data: AppErrorData
  constructor(data: AppErrorData) {
    super(data.message)
    this.name = 'IpcError'
    this.data = data
  }
}

type Args<K extends MailMethod> = Parameters<MailApi[K]>
type Value<K extends MailMethod> = Awaited<ReturnType<MailApi[K]>>

/** Calls a MailApi method and unwraps its Result: resolves with the value or rejects with IpcError. */
export async function call<K extends MailMethod>(method: K, ...args: Args<K>): Promise<Value<K>> {
  const fn = window.mail[method] as unknown as (
    ...a: Args<K>
  ) => Promise<{ ok: true; value: Value<K> } | { ok: false; error: AppErrorData }>
  const result = await fn(...args)
  if (!result.ok) throw new IpcError(result.error)
  return result.value
}

export function onMailEvent<E extends MailEventName>(
  event: E,
  listener: (payload: MailEvents[E]) => void,
): () => void {
  return window.mail.on(event, listener)
}
