import { describe, expect, it } from 'vitest'
import { MAIL_EVENTS, MAIL_METHODS, channelFor, eventChannelFor, isMailEvent, isMailMethod } from './contract'

describe('IPC contract', () => {
  it('derives one distinct channel per method and event', () => {
    const channels = [...MAIL_METHODS.map(channelFor), ...MAIL_EVENTS.map(eventChannelFor)]
    expect(new Set(channels).size).toBe(channels.length)
    expect(channelFor('getAppInfo')).toBe('mail:getAppInfo')
  })
  it('knows its own names only', () => {
    expect(isMailMethod('getAppInfo')).toBe(true)
    expect(isMailMethod('constructor')).toBe(false)
    expect(isMailMethod('__proto__')).toBe(false)
    expect(isMailEvent('mail:new')).toBe(true)
    expect(isMailEvent('toString')).toBe(false)
  })
})
