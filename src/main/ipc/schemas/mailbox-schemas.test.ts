import { describe, expect, it } from 'vitest'
import { validateArgs } from './arg-spec'
import { MAILBOX_SCHEMAS } from './mailbox-schemas'

describe('MailboxApi argument schemas', () => {
  it('accept what the reader sends', () => {
    expect(
      validateArgs(MAILBOX_SCHEMAS.listMessages, 'listMessages', ['12', { offset: 0, limit: 50 }]).ok,
    ).toBe(true)
    expect(validateArgs(MAILBOX_SCHEMAS.setFlags, 'setFlags', [['1', '2'], { seen: true }]).ok).toBe(true)
    expect(validateArgs(MAILBOX_SCHEMAS.getMessage, 'getMessage', ['7#2#1.2']).ok).toBe(true)
    expect(validateArgs(MAILBOX_SCHEMAS.allowRemoteContent, 'allowRemoteContent', ['7', 'sender']).ok).toBe(
      true,
    )
  })

  it.each([
    ['listMessages', ['12', { offset: -1, limit: 50 }], 'range.offset'],
    ['listMessages', ['12', { offset: 0, limit: 5000 }], 'range.limit'],
    ['listMessages', ['../12', { offset: 0, limit: 5 }], 'mailboxId'],
    ['setFlags', [[], { seen: true }], 'messageIds'],
    ['setFlags', [['1'], { seen: true, deleted: true }], 'flags'],
    ['moveMessages', [['1'], 'INBOX'], 'targetMailboxId'],
    ['saveAttachment', ['1', '../../x'], 'attachmentId'],
    ['allowRemoteContent', ['1', 'everyone'], 'scope'],
    ['listMailboxes', ['a\r\nb'], 'accountId'],
  ] as const)('%s refuses %j naming %s', (method, raw, field) => {
    const result = validateArgs(MAILBOX_SCHEMAS[method] as never, method, raw as unknown as unknown[])
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', detail: { field } } })
  })
})
