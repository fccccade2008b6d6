import { describe, expect, it } from 'vitest'
import { validateArgs } from './arg-spec'
import { MAILBOX_SCHEMAS } from './mailbox-schemas'

describe('a list view in listMessages / listMessageIds', () => {
  const range = { offset: 0, limit: 50 }
  it('is optional and takes a sort, a direction and quick filters', () => {
    const view = { sort: 'from', descending: false, filters: ['unread', 'contacts'] }
    expect(validateArgs(MAILBOX_SCHEMAS.listMessages, 'listMessages', ['12', range]).ok).toBe(true)
    expect(validateArgs(MAILBOX_SCHEMAS.listMessages, 'listMessages', ['12', range, view]).ok).toBe(true)
    expect(validateArgs(MAILBOX_SCHEMAS.listMessageIds, 'listMessageIds', ['12', range, view]).ok).toBe(true)
  })

  it.each([
    [{ sort: 'date; DROP TABLE', descending: true, filters: [] }, 'view.sort'],
    [{ sort: 'size', descending: 'yes', filters: [] }, 'view.descending'],
    [{ sort: 'size', descending: true, filters: ['starred'] }, 'view.filters.0'],
    [{ sort: 'size', descending: true, filters: ['unread', 'unread'] }, 'view.filters'],
    [{ sort: 'size', descending: true, filters: [], extra: 1 }, 'view'],
  ])('refuses %j naming %s', (view, field) => {
    const result = validateArgs(MAILBOX_SCHEMAS.listMessages, 'listMessages', ['12', range, view])
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', detail: { field } } })
  })

  it('lists a unified view by its id, and nothing else that is not a mailbox id', () => {
    for (const id of ['all:inboxes', 'all:unread', 'all:flagged'])
      expect(validateArgs(MAILBOX_SCHEMAS.listMessages, 'listMessages', [id, range]).ok).toBe(true)
    for (const id of ['all:everything', 'all:', 'ALL:INBOXES'])
      expect(validateArgs(MAILBOX_SCHEMAS.listMessageIds, 'listMessageIds', [id, range])).toMatchObject({
        ok: false,
        error: { detail: { field: 'mailboxId' } },
      })
    // Actions still take mailbox ids only.
    expect(validateArgs(MAILBOX_SCHEMAS.refreshMailbox, 'refreshMailbox', ['all:inboxes']).ok).toBe(false)
  })
})
