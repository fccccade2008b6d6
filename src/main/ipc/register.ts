import { toErrorData } from '../core/store/storage-errors'
import { MAIL_METHODS, channelFor, isMailMethod, type MailApi } from '../../shared/ipc/contract'
import { fail, ok, type Result } from '../../shared/ipc/result'
import { MAIL_SCHEMAS } from './schemas'
import { validateArgs } from './schemas/arg-spec'

/** The parts of Electron's WebFrameMain the sender check reads. */
export interface FrameLike {
  url: string
  parent: FrameLike | null
}

/** The parts of Electron's IpcMainInvokeEvent the handlers read. */
export interface InvokeEventLike {
  senderFrame: FrameLike | null
}

/** The parts of Electron's ipcMain used here: lets the test bridge stand in for the transport. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void
  removeHandler(channel: string): void
}

export interface RegisterOptions {
  /** True when the frame may call the API: our own top-level frame only. */
  isTrustedSender: (frame: FrameLike | null) => boolean
  /** Receives errors that are not AppErrors (bugs) with their full detail; never sent to the renderer. */
  logError?: (method: string, err: unknown) => void
}

/** A frame is trusted when it is a top frame whose origin is one of ours (app://, or the dev server). */
export function isOwnTopFrame(frame: FrameLike | null, allowedOrigins: readonly string[]): boolean {
  if (!frame || frame.parent !== null) return false
  let origin: string
  try {
    const url = new URL(frame.url)
    // URL.origin is "null" for non-special schemes such as app:, so build it by hand.
    origin = `${url.protocol}//${url.host}`
  } catch {
    return false
  }
  return allowedOrigins.includes(origin)
}

/**
 * Validates the raw arguments of one call, runs it, and wraps the outcome in a Result.
 * Nothing thrown escapes: bad input becomes INVALID_INPUT naming the field, bugs become INTERNAL.
 */
export async function invokeMailMethod(
  api: MailApi,
  method: string,
  rawArgs: readonly unknown[],
  logError: (method: string, err: unknown) => void = defaultLogError,
): Promise<Result<unknown>> {
  if (!isMailMethod(method)) {
    return fail({ code: 'INVALID_INPUT', message: `Unknown method "${method}"`, retryable: false })
  }
  const parsed = validateArgs<readonly unknown[]>(MAIL_SCHEMAS[method], method, rawArgs)
  if (!parsed.ok) return fail(parsed.error)
  try {
    const fn = api[method].bind(api) as (...args: unknown[]) => Promise<unknown>
    return ok(await fn(...parsed.value))
  } catch (err) {
    // Storage failures are recognised wherever they hide (a full disk is never INTERNAL); what
    // remains unmapped is a bug: logged here in full, a bare INTERNAL for the renderer.
    const error = toErrorData(err)
    if (error.code === 'INTERNAL') logError(method, err)
    return fail(error)
  }
}

function defaultLogError(method: string, err: unknown): void {
  console.error(`[ipc] ${method} failed`, err)
}

const UNTRUSTED = fail({
  code: 'INVALID_INPUT',
  message: 'Call refused: it did not come from the app’s own window',
  retryable: false,
  detail: { field: 'sender' },
})

/** Binds every MailApi method to its channel. Returns a function that removes the handlers. */
export function registerMailApi(ipc: IpcMainLike, api: MailApi, opts: RegisterOptions): () => void {
  for (const method of MAIL_METHODS) {
    ipc.handle(channelFor(method), async (event, ...rawArgs) => {
      if (!opts.isTrustedSender(event.senderFrame)) return UNTRUSTED
      return invokeMailMethod(api, method, rawArgs, opts.logError)
    })
  }
  return () => MAIL_METHODS.forEach((method) => ipc.removeHandler(channelFor(method)))
}
