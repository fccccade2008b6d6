import { createServer, type Server, type Socket } from 'node:net'
import { connect } from 'node:net'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { simpleParser } from 'mailparser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LocalCopyTarget } from '../../src/main/core/compose/ports'
import { createTestUser, mailStack, type TestUser } from '../servers/mail-env'
import {
  addAccount,
  fetchByMessageId,
  knownUser,
  messageIdsIn,
  settled,
  stackAccount,
  startSendingApp,
  waitFor,
  type SendingApp,
} from './helpers/sending'

/**
 * A plain TCP relay to the real submission port that the test can take down and bring back: the
 * submission server "goes away" for this test only, without touching the Postfix other test files
 * share. It forwards bytes and nothing else (TLS is end to end).
 */
class Relay {
  private server: Server | undefined
  private sockets = new Set<Socket>()
  constructor(
    readonly port: number,
    private readonly target: number,
  ) {}
  static async reservePort(): Promise<number> {
    const s = createServer()
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r))
    const { port } = s.address() as { port: number }
    await new Promise((r) => s.close(r))
    return port
  }
  async up(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(this.target, '127.0.0.1')
      for (const s of [client, upstream]) {
        this.sockets.add(s)
        s.on('error', () => undefined)
        s.on('close', () => this.sockets.delete(s))
      }
      client.pipe(upstream).pipe(client)
      client.on('close', () => upstream.destroy())
      upstream.on('close', () => client.destroy())
    })
    await new Promise<void>((r) => this.server!.listen(this.port, '127.0.0.1', r))
  }
  async down(): Promise<void> {
    for (const s of this.sockets) s.destroy()
    if (this.server) await new Promise((r) => this.server!.close(r))
    this.server = undefined
  }
}

describe('outbox retries, undo and Sent copies', () => {
  let app: SendingApp
  let sender: TestUser
  let relay: Relay
  const localCopies: { accountId: string; messageId: string; raw: Uint8Array }[] = []
  const local: LocalCopyTarget = {
    saveSentCopy: (accountId, raw, meta) => {
      localCopies.push({ accountId, messageId: meta.messageId, raw })
      return Promise.resolve()
    },
  }

  beforeAll(async () => {
    sender = createTestUser('retry')
    relay = new Relay(await Relay.reservePort(), mailStack().ports.submission)
    app = await startSendingApp({
      localCopies: local,
      passwords: { acc: sender.password, pop: sender.password },
    })
    const account = stackAccount('acc', sender)
    account.outgoing.port = relay.port
    await addAccount(app.services, account, sender.password)
  })
  afterAll(async () => {
    await relay?.down()
    await app?.close()
  })

  it('keeps the message queued while the submission server is down and delivers it once when it is back', async () => {
    const { compose, outbox } = app.services
    outbox.setSettings({ undoSeconds: 0 })
    const bob = await knownUser('bob')
    const draft = {
      ...compose.createDraft('acc', null),
      to: bob.address,
      subject: 'while the server was down',
    }
    const item = await compose.sendDraft(draft)
    const waiting = await waitFor('a failed attempt', () => {
      const i = outbox.get(item.id)
      return i && i.attempts >= 2 && i.state === 'queued' ? i : undefined
    })
    expect(waiting.lastError).toMatchObject({ code: 'CONNECTION_FAILED', retryable: true })
    expect(waiting.sendAt).toBeGreaterThan(waiting.queuedAt)
    await relay.up()
    const done = await settled(app.services, item.id)
    expect(done.state).toBe('sent')
    await waitFor('delivery', async () => ((await messageIdsIn(bob, 'INBOX')).length > 0 ? true : undefined))
    expect((await messageIdsIn(bob, 'INBOX')).filter((id) => id === item.messageId)).toHaveLength(1)
    expect(await fetchByMessageId(sender, 'Sent', item.messageId)).toHaveLength(1)
  })

  it('holds a message for the undo window (5 s by default) and undo returns the draft unsent', async () => {
    const { compose, outbox } = app.services
    outbox.setSettings({ undoSeconds: 5 })
    expect(outbox.settings()).toEqual({ undoSeconds: 5 })
    const bob = await knownUser('bob')
    const draft = { ...compose.createDraft('acc', null), to: bob.address, subject: 'changed my mind' }
    const item = await compose.sendDraft(draft)
    expect(item.sendAt - item.queuedAt).toBe(5000)
    expect(compose.getDraft(draft.id).state).toBe('outbox')
    const back = compose.undoSend(item.id)
    expect(back).toMatchObject({ id: draft.id, state: 'editing', subject: 'changed my mind' })
    expect(outbox.get(item.id)).toBeUndefined()
    // Something sent after it arrives, and it does not.
    outbox.setSettings({ undoSeconds: 0 })
    const later = await compose.sendDraft({
      ...compose.createDraft('acc', null),
      to: bob.address,
      subject: 'later',
    })
    await settled(app.services, later.id)
    await waitFor('the later message', async () =>
      (await messageIdsIn(bob, 'INBOX')).includes(later.messageId) ? true : undefined,
    )
    expect(await messageIdsIn(bob, 'INBOX')).toEqual([later.messageId])
  })

  it('uses SMTPUTF8 for an internationalized recipient and reports what the server advertises', async () => {
    const { compose, outbox } = app.services
    outbox.setSettings({ undoSeconds: 0 })
    expect(await compose.getSubmissionInfo('acc')).toEqual({
      maxSize: 26214400,
      smtpUtf8: true,
      eightBitMime: true,
      dsn: true,
    })
    const josé = `josé-${Date.now()}@example.test`
    const item = await compose.sendDraft({
      ...compose.createDraft('acc', null),
      to: `José <${josé}>`,
      subject: 'ünï',
    })
    // Postfix accepts a UTF-8 mailbox only with SMTPUTF8 on MAIL FROM (RFC 6531 §3.4).
    expect(await settled(app.services, item.id)).toMatchObject({ state: 'sent', attempts: 1 })
    // Dovecot's LMTP does not offer SMTPUTF8, so Postfix cannot deliver it and says why in its log:
    // the message carried the SMTPUTF8 flag end to end.
    const log = join(mailStack().logDir, 'postfix.log')
    const reason = await waitFor('Postfix to try the delivery', () => {
      const lines = readFileSync(log, 'utf8').split('\n')
      const queueId = lines
        .find((l) => l.includes(`message-id=${item.messageId}`))
        ?.match(/: ([0-9A-F]+): message-id=/)?.[1]
      return queueId ? lines.find((l) => l.includes(`${queueId}: to=<${josé}>`)) : undefined
    })
    expect(reason).toContain('SMTPUTF8 is required')
  })

  it('hands the Sent copy of a POP3 account to the local store', async () => {
    const { compose, outbox } = app.services
    outbox.setSettings({ undoSeconds: 0 })
    const pop = stackAccount('pop', sender)
    pop.incoming = { ...pop.incoming, protocol: 'pop3', port: mailStack().ports.pop3s }
    await addAccount(app.services, pop, sender.password)
    const bob = await knownUser('bob')
    const item = await compose.sendDraft({
      ...compose.createDraft('pop', null),
      to: bob.address,
      subject: 'pop3 sent copy',
    })
    expect(await settled(app.services, item.id)).toMatchObject({ state: 'sent', sentCopy: 'saved' })
    const copies = localCopies.filter((c) => c.messageId === item.messageId)
    expect(copies).toHaveLength(1)
    expect((await simpleParser(Buffer.from(copies[0]!.raw))).subject).toBe('pop3 sent copy')
  })
})
