import { describe, expect, it } from 'vitest'
import { validateArgs, type ArgSpec } from './arg-spec'
import { MAILBOX_SCHEMAS } from './mailbox-schemas'

describe('MailboxApi argument schemas', () => {
  it('accepts well-formed calls', () => {
    expect(
      validateArgs(MAILBOX_SCHEMAS.listMessages, 'listMessages', ['m1', { offset: 0, limit: 50 }]).ok,
    ).toBe(true)
    expect(validateArgs(MAILBOX_SCHEMAS.setFlags, 'setFlags', [['a', 'b'], { seen: true }]).ok).toBe(true)
    expect(validateArgs(MAILBOX_SCHEMAS.allowRemoteContent, 'allowRemoteContent', ['m', 'sender']).ok).toBe(
      true,
    )
  })

  it.each([
    ['listMessages', ['m1', { offset: -1, limit: 50 }], 'range.offset'],
    ['listMessages', ['m1', { offset: 0, limit: 50, sort: 'x' }], 'range'],
    ['setFlags', [[], { seen: true }], 'messageIds'],
    ['setFlags', [['a'], { seen: true, deleted: true }], 'flags'],
    ['allowRemoteContent', ['m', 'everyone'], 'scope'],
    ['moveMessages', [['a'], ''], 'targetMailboxId'],
  ] as const)('refuses a bad %s call naming %s', (method, raw, field) => {
    const spec = MAILBOX_SCHEMAS[method] as ArgSpec<readonly unknown[]>
    const result = validateArgs(spec, method, raw)
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', detail: { field } } })
  })
})
