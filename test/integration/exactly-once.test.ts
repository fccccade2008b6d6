/**
 * A draft is sent exactly once whatever the person does: repeated and concurrent sends through the
 * IPC layer (the register.ts handlers, as the browser bridge and Electron use them) against the
 * real Postfix and Dovecot. Every count is taken in the recipient's real INBOX, by subject (a
 * duplicate made by a second queued message would carry a Message-ID of its own).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { simpleParser } from 'mailparser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMailApi } from '../../src/main/api/mail-api'
import { isOwnTopFrame, registerMailApi, type InvokeEventLike } from '../../src/main/ipc/register'
import type { AppErrorData } from '../../src/shared/errors'
import { channelFor, type MailApi } from '../../src/shared/ipc/contract'
import type { Result } from '../../src/shared/ipc/result'
import { draftContent, type DraftContent, type OutboxItem } from '../../src/shared/model/compose'
import { createTestUser, type TestUser } from '../servers/mail-env'
import {
  addAccount,
  fetchByMessageId,
  deliveredBySubject,
  knownUser,
  settled,
  stackAccount,
  startSendingApp,
  type SendingApp,
} from './helpers/sending'

type Call = <M extends keyof MailApi>(
  method: M,
  ...args: Parameters<MailApi[M]>
) => Promise<Result<Awaited<ReturnType<MailApi[M]>>>>

/** The handlers register.ts binds, called as the transport calls them, from our own top frame. */
function ipcOf(app: SendingApp): Call {
  const handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>>()
  registerMailApi(
    {
      handle: (channel, fn) => void handlers.set(channel, fn),
      removeHandler: (c) => void handlers.delete(c),
    },
    createMailApi(app.services),
    { isTrustedSender: (frame) => isOwnTopFrame(frame, ['app://mailroom']) },
  )
  const event: InvokeEventLike = { senderFrame: { url: 'app://mailroom/index.html', parent: null } }
  return ((method: string, ...args: unknown[]) =>
    handlers.get(channelFor(method as keyof MailApi))!(event, ...args)) as Call
}

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`IPC failed: ${JSON.stringify(r.error)}`)
  return r.value
}

function error<T>(r: Result<T>): AppErrorData {
  if (r.ok) throw new Error(`IPC answered ok: ${JSON.stringify(r.value)}`)
  return r.error
}

const contentOf = draftContent
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('a draft is sent exactly once, through the IPC layer', () => {
  let app: SendingApp
  let call: Call
  let sender: TestUser
  let bob: TestUser
  let n = 0
  beforeAll(async () => {
    app = await startSendingApp()
    call = ipcOf(app)
    sender = createTestUser('once-sender')
    bob = await knownUser('once-bob')
    await addAccount(app.services, stackAccount('acc', sender), sender.password)
  })
  afterAll(async () => {
    await app?.close()
  })

  /** A new draft to Bob with a subject no other test uses. */
  async function newDraft(label: string): Promise<DraftContent> {
    const d = value(await call('createDraft', 'acc', null))
    return {
      ...contentOf(d),
      to: bob.address,
      subject: `${label} #${++n} ${Date.now()}`,
      html: `<p>${label}</p>`,
    }
  }

  /** How many messages with this subject Bob's INBOX holds once everything queued had its chance. */
  /** How many messages with this subject Bob's INBOX holds once everything queued had its chance. */
  async function deliveredWithSubject(subject: string): Promise<number> {
    for (const item of app.services.outbox.list()) await settled(app.services, item.id)
    return (await deliveredBySubject(bob)).get(subject) ?? 0
  }

  const itemsFor = (draftId: string): OutboxItem[] =>
    app.services.outbox.list().filter((i) => i.draftId === draftId)

  it('five concurrent sendDraft calls queue one message and deliver it once', async () => {
    app.services.outbox.setSettings({ undoSeconds: 0 })
    const draft = await newDraft('five at once')
    const answers = await Promise.all([1, 2, 3, 4, 5].map(() => call('sendDraft', draft)))
    const items = answers.map(value)
    expect(new Set(items.map((i) => i.id)).size).toBe(1)
    expect(new Set(items.map((i) => i.messageId)).size).toBe(1)
    expect(itemsFor(draft.id)).toHaveLength(1)
    expect(await settled(app.services, items[0]!.id)).toMatchObject({ state: 'sent', sentCopy: 'saved' })
    expect(await deliveredWithSubject(draft.subject)).toBe(1)
    expect(await fetchByMessageId(sender, 'Sent', items[0]!.messageId)).toHaveLength(1)
  })

  it('two calls 200 ms apart (a double click, Ctrl+Enter twice) deliver once, with or without the undo window', async () => {
    for (const undoSeconds of [0, 2]) {
      app.services.outbox.setSettings({ undoSeconds })
      const draft = await newDraft(`two apart, undo ${undoSeconds}`)
      const first = value(await call('sendDraft', draft))
      await pause(200)
      const second = value(await call('sendDraft', draft))
      // The second answer is the message the first one queued (it may have left already).
      expect(second.id).toBe(first.id)
      expect(second.messageId).toBe(first.messageId)
      expect(itemsFor(draft.id)).toHaveLength(1)
      await settled(app.services, first.id)
      // Long after it was sent (its draft is gone): still the same message, nothing new queued.
      expect(value(await call('sendDraft', draft)).id).toBe(first.id)
      expect(await deliveredWithSubject(draft.subject)).toBe(1)
    }
  })

  it('after undo, concurrent sends deliver once, the edited text', async () => {
    app.services.outbox.setSettings({ undoSeconds: 3 })
    const draft = await newDraft('undo then send')
    const first = value(await call('sendDraft', draft))
    const back = value(await call('undoSend', first.id))
    expect(back).toMatchObject({ id: draft.id, state: 'editing', subject: draft.subject })
    // Undo twice: the message is gone already (an unknown id: MESSAGE_NOT_FOUND), nothing else changes.
    expect(error(await call('undoSend', first.id)).code).toBe('MESSAGE_NOT_FOUND')
    const edited = { ...contentOf(back), html: '<p>undo then send, edited</p>' }
    value(await call('saveDraft', edited))
    app.services.outbox.setSettings({ undoSeconds: 0 })
    const items = (await Promise.all([1, 2, 3, 4, 5].map(() => call('sendDraft', edited)))).map(value)
    expect(new Set(items.map((i) => i.id)).size).toBe(1)
    expect(items[0]!.id).not.toBe(first.id)
    expect(itemsFor(draft.id)).toHaveLength(1)
    await settled(app.services, items[0]!.id)
    expect(await deliveredWithSubject(draft.subject)).toBe(1)
    const [copy] = await fetchByMessageId(bob, 'INBOX', items[0]!.messageId)
    expect((await simpleParser(copy!)).html).toContain('undo then send, edited')
  })

  it('a queued draft refuses edits with a typed error and loses nothing; after undo it is editable again', async () => {
    app.services.outbox.setSettings({ undoSeconds: 60 })
    const draft = await newDraft('refuses edits')
    const item = value(await call('sendDraft', draft))
    const late = { ...draft, html: '<p>typed after Send</p>' }
    const refusals: Result<unknown>[] = [
      await call('saveDraft', late),
      await call('closeDraft', late),
      await call('addAttachment', draft.id, {
        filename: 'a.txt',
        contentType: 'text/plain',
        data: new Uint8Array([65]),
      }),
      await call('removeAttachment', draft.id, 'none'),
      await call('deleteDraft', draft.id),
    ]
    for (const r of refusals) {
      expect(error(r)).toMatchObject({
        code: 'INVALID_INPUT',
        detail: { field: 'draftId', reason: 'in-outbox' },
      })
    }
    // Nothing lost, nothing silently changed: the draft still holds what is being sent.
    const stored = value(await call('getDraft', draft.id))
    expect(stored).toMatchObject({
      state: 'outbox',
      html: draft.html,
      subject: draft.subject,
      attachments: [],
    })
    expect(app.services.outbox.get(item.id)?.state).toBe('queued')
    // Undo, then the edit goes through and is what gets sent.
    value(await call('undoSend', item.id))
    value(await call('saveDraft', late))
    app.services.outbox.setSettings({ undoSeconds: 0 })
    const again = value(await call('sendDraft', late))
    await settled(app.services, again.id)
    expect(await deliveredWithSubject(draft.subject)).toBe(1)
    const [copy] = await fetchByMessageId(bob, 'INBOX', again.messageId)
    expect((await simpleParser(copy!)).html).toContain('typed after Send')
  })

  it('a message refused for good is replaced when its draft is sent again, and is not retried over newer text', async () => {
    app.services.outbox.setSettings({ undoSeconds: 0 })
    const draft = { ...(await newDraft('refused, fixed')), to: `${bob.address}, rejected@example.test` }
    const failed = value(await call('sendDraft', draft))
    expect((await settled(app.services, failed.id)).state).toBe('failed')
    expect(value(await call('getDraft', draft.id)).state).toBe('editing')
    const fixed = { ...draft, to: bob.address }
    value(await call('saveDraft', fixed))
    // The old bytes must not go out over the person's fix.
    expect(error(await call('retryNow', failed.id))).toMatchObject({ detail: { reason: 'draft-changed' } })
    const items = (await Promise.all([call('sendDraft', fixed), call('sendDraft', fixed)])).map(value)
    expect(items[1]!.id).toBe(items[0]!.id)
    // The failed one is replaced: one message for the draft.
    expect(app.services.outbox.get(failed.id)).toBeUndefined()
    expect(itemsFor(draft.id).map((i) => i.id)).toEqual([items[0]!.id])
    await settled(app.services, items[0]!.id)
    expect(await deliveredWithSubject(draft.subject)).toBe(1)
  })

  it('a claim that a crash left without its message is given back at start-up, and the draft sends once', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mailroom-claim-'))
    const before = await startSendingApp({ dataDir })
    await addAccount(before.services, stackAccount('acc', sender), sender.password)
    const d = before.services.compose.createDraft('acc', null)
    const draft = { ...contentOf(d), to: bob.address, subject: `crash after claim ${Date.now()}` }
    before.services.compose.saveDraft(draft)
    // What a crash between the claim and the queue transaction leaves on disk.
    before.services.db.prepare("UPDATE drafts SET state = 'outbox' WHERE id = ?").run(draft.id)
    await before.close({ keepData: true })
    const after = await startSendingApp({ dataDir, passwords: { acc: sender.password } })
    try {
      after.services.outbox.setSettings({ undoSeconds: 0 })
      expect(after.services.compose.getDraft(draft.id)).toMatchObject({
        state: 'editing',
        subject: draft.subject,
      })
      expect(after.services.compose.listDrafts().map((x) => x.id)).toContain(draft.id)
      const items = await Promise.all([1, 2, 3].map(() => after.services.compose.sendDraft(draft)))
      expect(new Set(items.map((i) => i.id)).size).toBe(1)
      await settled(after.services, items[0]!.id)
      expect(await deliveredWithSubject(draft.subject)).toBe(1)
    } finally {
      await after.close()
      rmSync(dataDir, { recursive: true, force: true })
    }
  })

  it('concurrent sends with different text send the first one’s text, once', async () => {
    app.services.outbox.setSettings({ undoSeconds: 0 })
    const draft = await newDraft('different texts')
    const [a, b] = await Promise.all([
      call('sendDraft', { ...draft, html: '<p>version A</p>' }),
      call('sendDraft', { ...draft, html: '<p>version B</p>' }),
    ])
    expect(value(b).id).toBe(value(a).id)
    await settled(app.services, value(a).id)
    expect(await deliveredWithSubject(draft.subject)).toBe(1)
    const [copy] = await fetchByMessageId(bob, 'INBOX', value(a).messageId)
    expect((await simpleParser(copy!)).html).toContain('version A')
  })
})
