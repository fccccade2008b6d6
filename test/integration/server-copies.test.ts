import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Services } from '../../src/main/services'
import type { MailboxRole } from '../../src/shared/model/mail'
import { createTestUser, mailStack, type TestUser } from '../servers/mail-env'
import { NO_INSERT, setOwnerRights } from './helpers/dovecot-acl'
import {
  addAccount,
  fetchByMessageId,
  imapClient,
  knownUser,
  settled,
  stackAccount,
  startSendingApp,
  waitFor,
  type SendingApp,
} from './helpers/sending'
import { TcpRelay } from './helpers/tcp-relay'

/**
 * No server copy fails silently (issue 11): the real Dovecot refuses the Sent or Drafts APPEND
 * (its ACL takes the insert right away) or cannot be reached (a relay in front of it goes down).
 * What may pass is retried from the durable queue; what is refused for good shows the server's
 * own words and waits for Retry; the local copy stays, in the Sent/Drafts folder and the
 * conversation, across a restart, until the server has it.
 */

async function rowsWithMessageId(services: Services, accountId: string, role: MailboxRole, id: string) {
  const mb = services.mail.findMailboxByRole(accountId, role)
  if (!mb) throw new Error(`no ${role} folder`)
  const page = await services.mail.listMessages(mb.id, { offset: 0, limit: 200 })
  return page.items.filter((m) => m.messageId === id)
}

async function appendOriginal(user: TestUser, messageId: string): Promise<void> {
  const client = imapClient(user)
  await client.connect()
  try {
    const raw = [
      'From: Carol <carol@example.test>',
      `To: ${user.address}`,
      'Subject: Plans',
      `Message-ID: ${messageId}`,
      'Date: Mon, 01 Jan 2024 10:00:00 +0000',
      '',
      'Shall we?',
      '',
    ].join('\r\n')
    await client.append('INBOX', Buffer.from(raw))
  } finally {
    await client.logout()
  }
}

describe('server copies that the server refuses', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mailroom-copies-'))
  let user: TestUser
  let app: SendingApp
  const start = async () => {
    app = await startSendingApp({ dataDir, passwords: { acc: user.password } })
    app.services.outbox.setSettings({ undoSeconds: 0 })
    await app.services.mail.syncAccount('acc')
  }

  beforeAll(async () => {
    user = createTestUser('copies')
    const first = await startSendingApp({ dataDir })
    await addAccount(first.services, stackAccount('acc', user), user.password)
    await first.close({ keepData: true })
    await start()
  })
  afterAll(async () => {
    await app.close({ keepData: true })
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('keeps a refused Sent copy in Sent and the conversation with the server’s words, across a restart, until Retry saves it', async () => {
    const original = `<plans-${Date.now()}@example.test>`
    await appendOriginal(user, original)
    await app.services.mail.syncAccount('acc')
    const [inbox] = await rowsWithMessageId(app.services, 'acc', 'inbox', original)
    const bob = await knownUser('copies-bob')
    await setOwnerRights(user, 'Sent', NO_INSERT)

    const reply = await app.services.compose.createReply(inbox!.id, 'reply')
    const item = await app.services.compose.sendDraft({ ...reply, to: bob.address, text: 'Yes.\nLet us.' })
    const done = await settled(app.services, item.id)
    expect(done).toMatchObject({ state: 'sent', sentCopy: 'failed' })
    expect(done.sentCopyError).toMatchObject({ code: 'SERVER_REJECTED', retryable: false })
    expect(done.sentCopyError?.detail?.serverResponse).toMatch(/Permission denied/)
    expect(await fetchByMessageId(user, 'Sent', item.messageId)).toHaveLength(0)

    // Shown meanwhile: in Sent and in the conversation of the message it answers.
    expect(await rowsWithMessageId(app.services, 'acc', 'sent', item.messageId)).toHaveLength(1)
    const thread = await app.services.mail.getThread(inbox!.id)
    expect(thread.map((m) => m.messageId)).toEqual([original, item.messageId])

    // A restart loses nothing: the item, its words, the copy in Sent.
    await app.close({ keepData: true })
    await start()
    const after = app.services.outbox.get(item.id)
    expect(after).toMatchObject({ state: 'sent', sentCopy: 'failed' })
    expect(after?.sentCopyError?.detail?.serverResponse).toMatch(/Permission denied/)
    expect(await rowsWithMessageId(app.services, 'acc', 'sent', item.messageId)).toHaveLength(1)

    // The person fixes the folder and asks again: the server has it once, the store shows it once.
    await setOwnerRights(user, 'Sent', null)
    app.services.outbox.retrySentCopy(item.id)
    expect(await settled(app.services, item.id)).toMatchObject({ sentCopy: 'saved', sentCopyError: null })
    expect(await fetchByMessageId(user, 'Sent', item.messageId)).toHaveLength(1)
    await app.services.mail.syncAccount('acc')
    const rows = await rowsWithMessageId(app.services, 'acc', 'sent', item.messageId)
    expect(rows).toHaveLength(1)
    expect(() => app.services.outbox.retrySentCopy(item.id)).toThrow(/not saved yet/)
  })

  it('keeps a refused Drafts copy with the server’s words, shows it in Drafts, across a restart, until Retry saves it', async () => {
    await setOwnerRights(user, 'Drafts', NO_INSERT)
    const changed: string[] = []
    const off = app.services.events.on('drafts:changed', ({ draftId }) => changed.push(draftId))
    const { compose } = app.services
    const draft = compose.createDraft('acc', null)
    await compose.closeDraft({ ...draft, subject: 'refused draft', format: 'plain', text: 'a\nb\rc' })
    off()
    const failed = compose.getDraft(draft.id)
    expect(failed.serverCopy).toMatchObject({ state: 'failed', retryAt: null })
    expect(failed.serverCopy.error?.detail?.serverResponse).toMatch(/Permission denied/)
    expect(changed).toContain(draft.id)
    const serverId = (
      app.services.db.prepare('SELECT server_message_id AS id FROM drafts WHERE id = ?').get(draft.id) as {
        id: string
      }
    ).id
    expect(await rowsWithMessageId(app.services, 'acc', 'drafts', serverId)).toHaveLength(1)

    await app.close({ keepData: true })
    await start()
    expect(app.services.compose.getDraft(draft.id).serverCopy.state).toBe('failed')
    expect(await rowsWithMessageId(app.services, 'acc', 'drafts', serverId)).toHaveLength(1)

    await setOwnerRights(user, 'Drafts', null)
    const saved = await app.services.compose.retryDraftCopy(draft.id)
    expect(saved.serverCopy).toEqual({ state: 'saved', error: null, retryAt: null })
    expect(await fetchByMessageId(user, 'Drafts', serverId)).toHaveLength(1)
    await app.services.mail.syncAccount('acc')
    expect(await rowsWithMessageId(app.services, 'acc', 'drafts', serverId)).toHaveLength(1)
  })
})

describe('server copies while the server cannot be reached', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mailroom-copies-down-'))
  let user: TestUser
  let app: SendingApp
  let relay: TcpRelay
  const start = async () => {
    app = await startSendingApp({
      dataDir,
      passwords: { acc: user.password },
      draftRetryDelaysMs: [300, 600, 1000],
    })
    app.services.outbox.setSettings({ undoSeconds: 0 })
  }

  beforeAll(async () => {
    user = createTestUser('copies-down')
    relay = new TcpRelay(mailStack().host, mailStack().ports.imaps)
    await relay.start()
    await start()
    const account = stackAccount('acc', user)
    account.incoming.port = relay.port
    await addAccount(app.services, account, user.password)
    await app.services.mail.syncAccount('acc')
  })
  afterAll(async () => {
    await app?.close({ keepData: true })
    await relay?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('retries the Sent copy with backoff and saves it once the server is back', async () => {
    const { compose, outbox } = app.services
    const bob = await knownUser('copies-down-bob')
    await relay.stop()
    const item = await compose.sendDraft({
      ...compose.createDraft('acc', null),
      to: bob.address,
      subject: 'sent while IMAP was down',
    })
    const waiting = await waitFor('a failed Sent copy attempt', () => {
      const i = outbox.get(item.id)
      return i?.state === 'sent' && i.sentCopyError ? i : undefined
    })
    expect(waiting).toMatchObject({ sentCopy: 'pending', sentCopyError: { retryable: true } })
    expect(waiting.sentCopyAt).toBeGreaterThan(waiting.sentAt!)
    // Shown in Sent meanwhile.
    expect(await rowsWithMessageId(app.services, 'acc', 'sent', item.messageId)).toHaveLength(1)

    await relay.start()
    expect(await settled(app.services, item.id)).toMatchObject({ sentCopy: 'saved', sentCopyError: null })
    expect(await fetchByMessageId(user, 'Sent', item.messageId)).toHaveLength(1)
  })

  it('keeps a Drafts copy that could not be saved waiting across a restart, and saves it when the server is back', async () => {
    await relay.stop()
    const { compose } = app.services
    const draft = compose.createDraft('acc', null)
    await compose.closeDraft({ ...draft, subject: 'typed while IMAP was down' })
    const pending = compose.getDraft(draft.id).serverCopy
    expect(pending).toMatchObject({ state: 'pending', error: { code: 'CONNECTION_FAILED', retryable: true } })
    expect(pending.retryAt).toBeGreaterThan(Date.now() - 1000)

    // The app stops while the server is away; it is back when the app starts again.
    await app.close({ keepData: true })
    await relay.start()
    await start()
    await waitFor('the Drafts copy after the restart', () =>
      app.services.compose.getDraft(draft.id).serverCopy.state === 'saved' ? true : undefined,
    )
    const serverId = (
      app.services.db.prepare('SELECT server_message_id AS id FROM drafts WHERE id = ?').get(draft.id) as {
        id: string
      }
    ).id
    expect(await fetchByMessageId(user, 'Drafts', serverId)).toHaveLength(1)
  })
})
