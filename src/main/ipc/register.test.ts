import { describe, expect, it, vi } from 'vitest'
import { AppError } from '../../shared/errors'
import { MAIL_METHODS, channelFor, type MailApi } from '../../shared/ipc/contract'
import {
  invokeMailMethod,
  isOwnTopFrame,
  registerMailApi,
  type IpcMainLike,
  type InvokeEventLike,
} from './register'

const info = {
  name: 'Mailroom',
  version: '1.2.3',
  dataDir: '/data',
  platform: 'linux',
  secretStorage: 'os-keychain' as const,
}

function fakeIpc() {
  const handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>>()
  const ipc: IpcMainLike = {
    handle: (channel, listener) => void handlers.set(channel, listener),
    removeHandler: (channel) => void handlers.delete(channel),
  }
  return { ipc, handlers }
}

/** Only the methods a test calls; the contract grows with every feature. */
const fakeApi = (methods: Partial<MailApi>): MailApi => methods as MailApi

const topFrame = { url: 'app://mailroom/index.html', parent: null }
const trusted = (frame: InvokeEventLike['senderFrame']) => isOwnTopFrame(frame, ['app://mailroom'])

describe('registerMailApi', () => {
  it('binds every contract method to its derived channel and removes them again', () => {
    const { ipc, handlers } = fakeIpc()
    const api = fakeApi({ getAppInfo: () => Promise.resolve(info) })
    const unregister = registerMailApi(ipc, api, { isTrustedSender: trusted })
    expect([...handlers.keys()].sort()).toEqual(MAIL_METHODS.map(channelFor).sort())
    unregister()
    expect(handlers.size).toBe(0)
  })

  it('answers a trusted call with an ok Result', async () => {
    const { ipc, handlers } = fakeIpc()
    registerMailApi(ipc, fakeApi({ getAppInfo: () => Promise.resolve(info) }), { isTrustedSender: trusted })
    const answer = await handlers.get('mail:getAppInfo')!({ senderFrame: topFrame })
    expect(answer).toEqual({ ok: true, value: info })
  })

  it.each([
    ['no frame', null],
    ['a subframe of our page', { url: 'app://mailroom/index.html', parent: topFrame }],
    ['another origin', { url: 'https://evil.example/', parent: null }],
    ['file://', { url: 'file:///tmp/index.html', parent: null }],
    ['a look-alike host', { url: 'app://mailroom.evil/index.html', parent: null }],
  ])('refuses a call from %s without running the method', async (_name, frame) => {
    const { ipc, handlers } = fakeIpc()
    const getAppInfo = vi.fn(() => Promise.resolve(info))
    registerMailApi(ipc, fakeApi({ getAppInfo }), { isTrustedSender: trusted })
    const answer = await handlers.get('mail:getAppInfo')!({ senderFrame: frame })
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', detail: { field: 'sender' } } })
    expect(getAppInfo).not.toHaveBeenCalled()
  })
})

describe('invokeMailMethod', () => {
  const api = fakeApi({ getAppInfo: () => Promise.resolve(info) })

  it('refuses an unknown method with INVALID_INPUT', async () => {
    expect(await invokeMailMethod(api, 'deleteEverything', [])).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'Unknown method "deleteEverything"' },
    })
  })

  it('refuses extra arguments', async () => {
    const result = await invokeMailMethod(api, 'getAppInfo', ['surprise'])
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', retryable: false } })
  })

  it('passes an AppError through with its code, retryability and detail', async () => {
    const failing = fakeApi({
      getAppInfo: () =>
        Promise.reject(new AppError('TIMEOUT', 'slow', { detail: { serverResponse: '* BYE busy' } })),
    })
    expect(await invokeMailMethod(failing, 'getAppInfo', [])).toEqual({
      ok: false,
      error: { code: 'TIMEOUT', message: 'slow', retryable: true, detail: { serverResponse: '* BYE busy' } },
    })
  })

  it('turns a bug into INTERNAL without leaking its message, and logs it in main', async () => {
    const log = vi.fn()
    const buggy = fakeApi({ getAppInfo: () => Promise.reject(new Error('secret path /home/x/.pw')) })
    const result = await invokeMailMethod(buggy, 'getAppInfo', [], log)
    expect(result).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'Unexpected internal error', retryable: false },
    })
    expect(log).toHaveBeenCalledWith('getAppInfo', expect.any(Error))
  })

  it('survives a method that throws synchronously', async () => {
    const buggy = {
      getAppInfo: () => {
        throw new TypeError('boom')
      },
    } as unknown as MailApi
    const result = await invokeMailMethod(buggy, 'getAppInfo', [], () => {})
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
  })
})
