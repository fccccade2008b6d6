import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Mailbox } from '../../shared/model/mail'
import { createEventBus } from '../core/events'
import { badgeText, createUnreadBadge, unreadInInboxes } from './unread-badge'

type Box = Pick<Mailbox, 'role' | 'unread'>
const inbox = (unread: number): Box => ({ role: 'inbox', unread })

afterEach(() => {
  vi.useRealTimers()
})

describe('the unread badge', () => {
  it('counts unread mail in every account’s Inbox only', () => {
    expect(
      unreadInInboxes([inbox(3), { role: 'junk', unread: 50 }, { role: null, unread: 7 }, inbox(2)]),
    ).toBe(5)
    expect(unreadInInboxes([])).toBe(0)
    expect(badgeText(0)).toBe('')
    expect(badgeText(12)).toBe('12')
    expect(badgeText(1000)).toBe('999+')
  })

  it('follows folder changes, once per burst, and sets the badge only when the count changes', async () => {
    vi.useFakeTimers()
    const events = createEventBus()
    let boxes: Box[] = [inbox(2)]
    const set: number[] = []
    const badge = createUnreadBadge({
      events,
      mailboxes: () => Promise.resolve(boxes),
      port: { setBadgeCount: (n) => set.push(n) },
      delayMs: 100,
    })
    await badge.refresh()
    expect(set).toEqual([2])

    boxes = [inbox(5)]
    for (let i = 0; i < 20; i++) events.emit('mailbox:changed', { accountId: 'a', mailboxId: `m${i}` })
    events.emit('mail:new', { accountId: 'a', mailboxId: 'm', count: 3 })
    await vi.advanceTimersByTimeAsync(150)
    expect(set).toEqual([2, 5])

    // The same count again: no call. Everything read: the badge clears (0).
    events.emit('mailbox:changed', { accountId: 'a', mailboxId: 'm' })
    await vi.advanceTimersByTimeAsync(150)
    boxes = [inbox(0)]
    events.emit('accounts:changed', { accountId: 'a' })
    await vi.advanceTimersByTimeAsync(150)
    expect(set).toEqual([2, 5, 0])

    badge.close()
    boxes = [inbox(9)]
    events.emit('mailbox:changed', { accountId: 'a', mailboxId: 'm' })
    await vi.advanceTimersByTimeAsync(150)
    expect(set).toEqual([2, 5, 0])
  })

  it('keeps the last count when the store cannot be read', async () => {
    const set: number[] = []
    const badge = createUnreadBadge({
      events: createEventBus(),
      mailboxes: () => Promise.reject(new Error('disk')),
      port: { setBadgeCount: (n) => set.push(n) },
    })
    await badge.refresh()
    expect(set).toEqual([])
    badge.close()
  })
})
