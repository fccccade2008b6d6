/**
 * The crash rule's ambiguous window starts as late as it can: a message becomes 'committing' only
 * once every byte before the end-of-data marker has left the process. Until then a crash makes the
 * server discard it (RFC 5321 §4.1.1.4), so it is safe to send again, and must not be left
 * "uncertain" for the person. A relay in front of the real Postfix stops reading mid-DATA, so the
 * rest of a large message backs up in the sending process; the stored state must stay 'sending'.
 */
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestUser, mailStack, type TestUser } from '../servers/mail-env'
import {
  addAccount,
  copiesDelivered,
  knownUser,
  settled,
  stackAccount,
  startSendingApp,
  waitFor,
  type SendingApp,
} from './helpers/sending'
import { TcpRelay } from './helpers/tcp-relay'

describe('the committing write', () => {
  let app: SendingApp
  let relay: TcpRelay
  let sender: TestUser
  let bob: TestUser
  beforeAll(async () => {
    relay = new TcpRelay('127.0.0.1', mailStack().ports.submission)
    await relay.start()
    sender = createTestUser('committing')
    bob = await knownUser('committing-bob')
    app = await startSendingApp({
      outbox: {
        retryDelaysMs: [300],
        // Mid-DATA (the first 64 KiB are out): the server stops reading.
        probe: {
          at: (point) => {
            if (point === 'mid-data') relay.holdClientData(true)
            return Promise.resolve()
          },
        },
      },
    })
    const account = stackAccount('acc', sender)
    await addAccount(
      app.services,
      { ...account, outgoing: { ...account.outgoing, port: relay.port } },
      sender.password,
    )
    app.services.outbox.setSettings({ undoSeconds: 0 })
  })
  afterAll(async () => {
    await app?.close()
    await relay?.stop()
  })

  it('is not written while the body is still in the sending process, and the message then goes out once', async () => {
    const { compose, outbox, db } = app.services
    const draft = compose.createDraft('acc', null)
    // 12 MB of noise (16 MB in base64): more than the operating system's socket buffers hold.
    compose.addAttachment(draft.id, {
      filename: 'noise.bin',
      contentType: 'application/octet-stream',
      data: randomBytes(12 * 1024 * 1024),
    })
    const item = await compose.sendDraft({ ...draft, to: bob.address, subject: 'held mid-data' })
    const stored = () =>
      db.prepare<[string], { state: string }>('SELECT state FROM outbox WHERE id = ?').get(item.id)?.state
    try {
      await waitFor('the send to start', () => (stored() === 'sending' ? true : undefined))
      // Long enough for everything the buffers take to be written (the rest is stuck in the process).
      await new Promise((r) => setTimeout(r, 1500))
      expect(stored()).toBe('sending')
    } finally {
      relay.holdClientData(false)
    }
    expect(await settled(app.services, item.id, 60_000)).toMatchObject({ state: 'sent', attempts: 1 })
    expect(await copiesDelivered(bob, item.messageId)).toBe(1)
    expect(outbox.get(item.id)?.lastError).toBeNull()
  })
})
