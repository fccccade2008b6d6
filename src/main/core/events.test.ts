import { describe, expect, it } from 'vitest'
import { createEventBus } from './events'

describe('the event bus', () => {
  it('delivers core events to their subscribers but never forwards them to the renderer', () => {
    const bus = createEventBus()
    const heard: string[] = []
    const forwarded: string[] = []
    bus.on('outbox:sent-copies-saved', ({ accountId }) => heard.push(accountId))
    bus.onAny((event) => forwarded.push(event))
    bus.emit('outbox:sent-copies-saved', { accountId: 'a' })
    bus.emit('accounts:changed', { accountId: 'b' })
    expect(heard).toEqual(['a'])
    expect(forwarded).toEqual(['accounts:changed'])
  })

  it('keeps delivering when a listener throws', () => {
    const bus = createEventBus()
    const heard: string[] = []
    bus.on('accounts:changed', () => {
      throw new Error('listener bug')
    })
    bus.on('accounts:changed', ({ accountId }) => heard.push(accountId))
    const error = console.error
    console.error = () => undefined
    try {
      bus.emit('accounts:changed', { accountId: 'x' })
    } finally {
      console.error = error
    }
    expect(heard).toEqual(['x'])
  })
})
