import { describe, expect, it, vi } from 'vitest'
import { MAIL_METHODS } from '../shared/ipc/contract'
import { buildMailBridge } from './mail-bridge'

describe('buildMailBridge', () => {
  it('exposes exactly the contract methods plus on()', () => {
    const bridge = buildMailBridge({ invoke: vi.fn(), subscribe: vi.fn() })
    expect(Object.keys(bridge).sort()).toEqual([...MAIL_METHODS, 'on'].sort())
    expect(Object.isFrozen(bridge)).toBe(true)
  })

  it('invokes the derived channel with the arguments as given', async () => {
    const invoke = vi.fn(() => Promise.resolve({ ok: true, value: 1 }))
    const bridge = buildMailBridge({ invoke, subscribe: vi.fn() })
    await expect(bridge.getAppInfo()).resolves.toEqual({ ok: true, value: 1 })
    expect(invoke).toHaveBeenCalledWith('mail:getAppInfo', [])
  })

  it('subscribes to known events and refuses unknown ones', () => {
    const unsubscribe = vi.fn()
    const subscribe = vi.fn(() => unsubscribe)
    const bridge = buildMailBridge({ invoke: vi.fn(), subscribe })
    const listener = vi.fn()
    bridge.on('mailbox:changed', listener)()
    expect(subscribe).toHaveBeenCalledWith('mail-event:mailbox:changed', listener)
    expect(unsubscribe).toHaveBeenCalled()
    expect(() => bridge.on('ipc:raw' as 'mail:new', listener)).toThrow(/Unknown event/)
  })
})
