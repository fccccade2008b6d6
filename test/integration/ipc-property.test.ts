/**
 * Every IPC method (MAIL_METHODS), through the real register.ts envelope and the real services on
 * a real store with a real IMAP account on the test Dovecot, called with arguments generated from
 * the method's own schema (edge strings, boundary numbers, ids that exist and ids that do not) and
 * with plain junk (wrong types, nested objects, huge strings). Whatever comes in, the answer is a
 * typed error or a value: never INTERNAL, never a crash, always something IPC can carry.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { createMailApi } from '../../src/main/api/mail-api'
import { invokeMailMethod } from '../../src/main/ipc/register'
import { MAIL_SCHEMAS } from '../../src/main/ipc/schemas'
import { validateArgs, type ArgSpec } from '../../src/main/ipc/schemas/arg-spec'
import { MAIL_METHODS, type MailApi, type MailMethod } from '../../src/shared/ipc/contract'
import { arbitraryFor, junkArgs, type LeafOverride } from '../helpers/zod-arbitrary'
import { MailWorld } from './helpers/mail-world'
import { draftContent } from '../../src/shared/model/compose'

let w: MailWorld
let api: MailApi
const ids = {
  account: [] as string[],
  identity: [] as string[],
  message: [] as string[],
  mailbox: [] as string[],
  draft: [] as string[],
  outbox: [] as string[],
}
const UNKNOWN = ['999999999999999', '0', '00042', 'b1c3a0e2-0000-4000-8000-000000000000', 'nope']

function attachmentMessage(): string {
  return [
    'From: Ann <ann@example.test>',
    'To: reader@example.test',
    'Subject: with a file',
    'Message-ID: <prop-file@example.test>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b"',
    '',
    '--b',
    'Content-Type: text/html; charset=utf-8',
    '',
    '<p>Hello <img src="https://tracker.example/p.gif"></p>',
    '--b',
    'Content-Type: application/pdf; name="a.pdf"',
    'Content-Disposition: attachment; filename="a.pdf"',
    'Content-Transfer-Encoding: base64',
    '',
    'JVBERi0xLjQK',
    '--b',
    'Content-Type: message/rfc822',
    '',
    'Subject: inner',
    '',
    'inner body',
    '--b--',
    '',
  ].join('\r\n')
}

beforeAll(async () => {
  w = await MailWorld.open({
    services: {
      verifyTimeoutMs: 1500,
      // Discovery stays on this machine: every lookup is refused at once.
      discovery: {
        httpOrigin: 'http://127.0.0.1:9/{scheme}/{host}',
        ispdbBase: 'http://127.0.0.1:9/ispdb/',
        dnsServers: ['127.0.0.1:9'],
        totalTimeoutMs: 1500,
        probeTimeoutMs: 500,
        httpTimeoutMs: 500,
        dnsTimeoutMs: 500,
      },
    },
  })
  api = createMailApi(w.services)
  await w.deliver(attachmentMessage())
  await w.deliver('Subject: plain\r\nMessage-ID: <prop-plain@example.test>\r\n\r\nplain body\r\n')
  await w.mail.syncAccount(w.account.id)
  const { compose, outbox } = w.services
  outbox.setSettings({ undoSeconds: 600 })
  const draft = compose.createDraft(w.account.id, null)
  compose.addAttachment(draft.id, {
    filename: 'n.txt',
    contentType: 'text/plain',
    data: new Uint8Array([65]),
  })
  const queued = compose.createDraft(w.account.id, null)
  const item = await compose.sendDraft({ ...queued, to: 'nobody@example.test', subject: 'held' })
  ids.account.push(w.account.id)
  ids.identity.push(...w.account.identities.map((i) => i.id))
  ids.mailbox.push(...w.mail.store.mailboxes.list(w.account.id).map((m) => String(m.id)))
  const inbox = await w.mail.listMessages(w.mailboxId('INBOX'), { offset: 0, limit: 10 })
  ids.message.push(...inbox.items.map((m) => m.id))
  ids.draft.push(draft.id, queued.id)
  ids.outbox.push(item.id)
})
afterAll(async () => {
  await w.close()
})

const pick = (...values: string[]) => fc.constantFrom(...values)
/** The method under test takes account settings as `draft` (rather than a message draft). */
let accountMethod = false

/** Values for the leaves whose meaning the schema cannot tell: ids (known and unknown), hosts, addresses. */
/** Account settings that pass validation: the real server, a closed port, a name that resolves nowhere. */
function accountDrafts(): fc.Arbitrary<unknown> {
  const { incoming, outgoing, identities, displayName, address } = w.account
  const base = { displayName, address, identities, incoming, outgoing }
  return fc.constantFrom(
    base,
    { ...base, incoming: { ...incoming, port: 9 }, outgoing: { ...outgoing, port: 9 } },
    { ...base, incoming: { ...incoming, host: 'nowhere.invalid' } },
    { ...base, incoming: { ...incoming, protocol: 'pop3', port: 9 } },
  )
}

function accountExamples(method: MailMethod): [unknown[]][] {
  const { incoming, outgoing, identities, displayName, address } = w.account
  const draft = { displayName, address, identities, incoming, outgoing }
  if (method === 'testAccount' || method === 'addAccount') return [[[draft, { incoming: w.user.password }]]]
  if (method === 'updateAccount') return [[[w.account.id, draft, {}]]]
  return []
}

const leaf: LeafOverride = (path, kind) => {
  if (kind === 'value') {
    if (path === 'draft' && accountMethod) return accountDrafts()
    if (path === 'passwords') return fc.constantFrom({ incoming: w.user.password }, { incoming: 'wrong' }, {})
    return undefined
  }
  if (kind !== 'string') return undefined
  const name =
    path
      .replace(/\[\d*\]/g, '')
      .split('.')
      .pop() ?? ''
  if (name === 'accountId') return pick(...ids.account, ...UNKNOWN)
  if (name === 'identityId') return pick(...ids.identity, ...UNKNOWN)
  if (name === 'messageId' || name === 'messageIds')
    return pick(
      ...ids.message,
      ...ids.message.map((m) => `${m}#2`),
      ...ids.message.map((m) => `${m}#9`),
      ...UNKNOWN,
    )
  if (name === 'mailboxId' || name === 'targetMailboxId') return pick(...ids.mailbox, ...UNKNOWN)
  if (name === 'draftId' || path === 'draft.id') return pick(...ids.draft, ...UNKNOWN)
  if (name === 'outboxId') return pick(...ids.outbox, ...UNKNOWN)
  if (name === 'attachmentId') return pick('1', '2', '3', '0', 'x')
  if (name === 'host') return pick('127.0.0.1', 'localhost', 'nowhere.invalid')
  if (['to', 'cc', 'bcc', 'query'].includes(name))
    return pick(w.user.address, 'a@example.test, Zoë <zoë@exämple.test>', 'bad', '', '"a b"@example.test')
  if (['address', 'username'].includes(name))
    return pick(w.user.address, 'a@example.test', 'zoë@exämple.test', 'bad')
  if (name === 'displayName' || name === 'name') return pick('Ann', 'Zoë Ünïcode', '')
  if (name === 'url')
    return pick('https://example.org/', 'mailto:a@b.example', 'javascript:alert(1)', 'file:///etc/passwd')
  return undefined
}

/** Methods that talk to servers: fewer runs (each may wait for a connection). */
const NETWORK = new Set<MailMethod>([
  'discoverSettings',
  'testAccount',
  'addAccount',
  'updateAccount',
  'getSubmissionInfo',
  'refreshMailbox',
  'createReply',
  'editDraftMessage',
  'closeDraft',
])
/** Run last: they remove what the others use. */
const LAST: MailMethod[] = [
  'deleteMessages',
  'archiveMessages',
  'markAsJunk',
  'moveMessages',
  'updateAccount',
  'removeAccount',
]
const ORDER = [...MAIL_METHODS.filter((m) => !LAST.includes(m)), ...LAST]

function preview(args: unknown): string {
  try {
    return JSON.stringify(args, (_k, v: unknown) =>
      typeof v === 'string' && v.length > 80 ? `${v.slice(0, 80)}…` : v,
    )
  } catch {
    return String(args)
  }
}

describe('unknown ids and accounts answer NOT_FOUND codes', () => {
  it('reader actions on unknown message ids: MESSAGE_NOT_FOUND, and nothing changes', async () => {
    const known = ids.message[0]!
    const before = await w.mail.getThread(known)
    for (const [method, args] of [
      ['setFlags', [[known, '999999'], { flagged: true }]],
      ['deleteMessages', [['999999']]],
      ['archiveMessages', [[known, '999998']]],
      ['markAsJunk', [['999997']]],
      ['moveMessages', [['999996'], ids.mailbox[0]!]],
      ['copyMessages', [[known, '999995'], ids.mailbox[0]!]],
    ] as const) {
      expect(await invokeMailMethod(api, method, [...args]), method).toMatchObject({
        ok: false,
        error: { code: 'MESSAGE_NOT_FOUND', detail: { field: 'messageIds' } },
      })
    }
    expect(await w.mail.getThread(known)).toEqual(before)
  })

  it('a draft saved for an unknown account: ACCOUNT_NOT_FOUND, not a foreign-key INTERNAL', async () => {
    const draft = w.services.compose.createDraft(w.account.id, null)
    const content = draftContent(draft)
    for (const method of ['saveDraft', 'closeDraft', 'sendDraft'] as const) {
      expect(await invokeMailMethod(api, method, [{ ...content, accountId: 'gone' }]), method).toMatchObject({
        ok: false,
        error: { code: 'ACCOUNT_NOT_FOUND', detail: { field: 'accountId' } },
      })
    }
    expect(await invokeMailMethod(api, 'createDraft', ['gone', null])).toMatchObject({
      ok: false,
      error: { code: 'ACCOUNT_NOT_FOUND' },
    })
  })

  it('reads of unknown messages and mailboxes: MESSAGE_NOT_FOUND, MAILBOX_NOT_FOUND', async () => {
    for (const [method, args, code] of [
      ['getMessage', ['999999'], 'MESSAGE_NOT_FOUND'],
      ['getMessage', [`${ids.message[0]!}#9`], 'MESSAGE_NOT_FOUND'],
      ['getThread', ['999999'], 'MESSAGE_NOT_FOUND'],
      ['getMessageSource', ['999999'], 'MESSAGE_NOT_FOUND'],
      ['openAttachedMessage', ['999999', '2'], 'MESSAGE_NOT_FOUND'],
      ['saveAttachment', ['999999', '2'], 'MESSAGE_NOT_FOUND'],
      ['allowRemoteContent', ['999999', 'message'], 'MESSAGE_NOT_FOUND'],
      ['createReply', ['999999', 'reply'], 'MESSAGE_NOT_FOUND'],
      ['listMessages', ['999999', { offset: 0, limit: 10 }], 'MAILBOX_NOT_FOUND'],
      ['refreshMailbox', ['999999'], 'MAILBOX_NOT_FOUND'],
      ['moveMessages', [[ids.message[0]!], '999999'], 'MAILBOX_NOT_FOUND'],
      ['getSubmissionInfo', ['gone'], 'ACCOUNT_NOT_FOUND'],
      ['removeAccount', ['gone'], 'ACCOUNT_NOT_FOUND'],
    ] as const) {
      expect(await invokeMailMethod(api, method, [...args]), `${method}(${String(args[0])})`).toMatchObject({
        ok: false,
        error: { code },
      })
    }
  })

  it('unknown drafts and outbox messages: MESSAGE_NOT_FOUND', async () => {
    for (const [method, args] of [
      ['getDraft', ['b1c3a0e2-0000-4000-8000-000000000000']],
      ['deleteDraft', ['nope']],
      ['undoSend', ['nope']],
      ['retryNow', ['nope']],
    ] as const) {
      const result = await invokeMailMethod(api, method, [...args])
      if (method === 'deleteDraft')
        expect(result, method).toMatchObject({ ok: true }) // deleting what is gone is done
      else expect(result, method).toMatchObject({ ok: false, error: { code: 'MESSAGE_NOT_FOUND' } })
    }
  })
})

describe('every IPC method with arbitrary and edge-case arguments', () => {
  it('covers the whole contract', () => {
    expect(new Set(ORDER)).toEqual(new Set(MAIL_METHODS))
  })

  for (const method of ORDER) {
    it(`${method}: a typed answer, never INTERNAL`, async () => {
      accountMethod = ['testAccount', 'addAccount', 'updateAccount'].includes(method)
      const spec = MAIL_SCHEMAS[method]
      const items = (spec.schema as unknown as { _zod: { def: { items: z.ZodType[] } } })._zod.def.items
      const shaped = fc.tuple(...items.map((s, i) => arbitraryFor(s, leaf, spec.params[i] ?? `arg${i}`)))
      let reached = 0
      await fc.assert(
        fc.asyncProperty(
          fc.oneof({ arbitrary: shaped, weight: 4 }, { arbitrary: junkArgs, weight: 1 }),
          async (args) => {
            const logged: unknown[] = []
            const result = await invokeMailMethod(api, method, args, (_m, err) => logged.push(err))
            // Whatever it answers must survive the IPC transport (structured clone).
            structuredClone(result)
            if (!result.ok && result.error.code === 'INTERNAL') {
              throw new Error(`${method}(${preview(args)}) answered INTERNAL: ${String(logged[0])}`)
            }
            if (validateArgs(spec as ArgSpec<readonly unknown[]>, method, args).ok) reached++
          },
        ),
        // Discovery waits for its (refused) lookups each time; the rest is quick.
        {
          numRuns: method === 'discoverSettings' ? 12 : NETWORK.has(method) ? 60 : 80,
          // Account settings have many fields that must agree: one valid call always comes first.
          examples: accountExamples(method),
        },
      )
      // Not only the validation was tested: calls reached the service.
      if (items.length > 0) expect(reached, `${method}: no call passed validation`).toBeGreaterThan(0)
      // The app still answers.
      expect(await invokeMailMethod(api, 'getAppInfo', [])).toMatchObject({ ok: true })
    }, 120_000)
  }
})
