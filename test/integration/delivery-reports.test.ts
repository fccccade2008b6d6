/**
 * Delivery status notifications against the real Postfix of the test stack (RFC 3461 requests,
 * RFC 3464 reports): the message asks for reports with ENVID = its outbox id, and the reports
 * Postfix writes come back through Dovecot into the sender's INBOX.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { simpleParser } from 'mailparser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DraftContent } from '../../src/shared/model/compose'
import type { TestUser } from '../servers/mail-env'
import { cyrusFamily } from '../servers/families'
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

/** Raw sources of the reports (multipart/report) in the user's INBOX that name `envid`. */
async function reportsFor(user: TestUser, envid: string): Promise<Buffer[]> {
  const client = imapClient(user)
  await client.connect()
  try {
    const lock = await client.getMailboxLock('INBOX')
    try {
      const out: Buffer[] = []
      if (!client.mailbox || client.mailbox.exists === 0) return out
      for await (const m of client.fetch('1:*', { source: true })) {
        if (m.source && m.source.toString('latin1').includes(envid)) out.push(m.source)
      }
      return out
    } finally {
      lock.release()
    }
  } finally {
    await client.logout()
  }
}

/** The IMAP flags of the INBOX message with this Message-ID. */
async function flagsOf(user: TestUser, messageId: string): Promise<string[]> {
  const client = imapClient(user)
  await client.connect()
  try {
    const lock = await client.getMailboxLock('INBOX')
    try {
      const uids = (await client.search({ header: { 'message-id': messageId } }, { uid: true })) || []
      if (uids.length === 0) return []
      const m = await client.fetchOne(String(uids[0]), { flags: true }, { uid: true })
      return m && m.flags ? [...m.flags] : []
    } finally {
      lock.release()
    }
  } finally {
    await client.logout()
  }
}

describe('delivery reports from the real Postfix', () => {
  let app: SendingApp
  let sender: TestUser
  let bob: TestUser
  beforeAll(async () => {
    app = await startSendingApp()
    app.services.outbox.setSettings({ undoSeconds: 0 })
    sender = await knownUser('dsn-sender')
    bob = await knownUser('dsn-bob')
    await addAccount(app.services, stackAccount('acc', sender), sender.password)
    // An account in use: its Inbox was synced before (a first sync announces no new mail).
    await app.services.mail.syncAccount('acc')
  })
  afterAll(async () => {
    await app?.close()
  })

  const draftWith = (over: Partial<DraftContent>): DraftContent => ({
    ...app.services.compose.createDraft('acc', null),
    ...over,
  })

  it('Postfix offers DSN, and an unknown local user comes back as a report naming our envelope id', async () => {
    const { compose } = app.services
    expect(await compose.getSubmissionInfo('acc')).toMatchObject({ dsn: true })
    const nobody = `nobody-${Date.now()}@example.test`
    const item = await compose.sendDraft(
      draftWith({ to: nobody, subject: 'To nobody', html: '<p>body-marker-4711</p>' }),
    )
    expect(await settled(app.services, item.id)).toMatchObject({ state: 'sent' })
    const [report] = await waitFor('the bounce', async () => {
      const r = await reportsFor(sender, item.id)
      return r.length > 0 ? r : undefined
    })
    const text = report!.toString('utf8')
    if (process.env.SAVE_BOUNCES)
      writeFileSync(join(process.env.SAVE_BOUNCES, 'postfix-unknown-user.eml'), report!)
    expect(text).toMatch(/^Content-Type: multipart\/report;\s+report-type=delivery-status/im)
    expect(text).toContain(`Original-Envelope-Id: ${item.id}`)
    expect(text).toMatch(new RegExp(`Final-Recipient: rfc822; ?${nobody}`, 'i'))
    expect(text).toMatch(/^Status: 5\.1\.1/m)
    // RET=HDRS: the headers come back (with our Message-ID), not the body.
    expect(text).toContain(`Message-ID: ${item.messageId}`)
    expect(text).not.toContain('body-marker-4711')
    const parsed = await simpleParser(report!)
    expect(parsed.subject).toMatch(/Undelivered Mail/i)

    // The app syncs the Inbox, reads the report, matches it by ENVID and files it as read.
    await app.services.mail.syncAccount('acc')
    const status = await waitFor('the report matched', () => {
      const s = app.services.delivery.statusFor(item.messageId)
      return s.length > 0 ? s : undefined
    })
    expect(status).toEqual([
      {
        recipient: nobody,
        action: 'failed',
        status: '5.1.1',
        diagnostic: expect.stringMatching(/^550 5\.1\.1 .*User doesn't exist/) as string,
        at: expect.any(Number) as number,
      },
    ])
    await waitFor('the report marked read on the server', async () =>
      (await flagsOf(sender, parsed.messageId!)).includes('\\Seen') ? true : undefined,
    )
  })

  it('"Tell me when it is delivered" brings a success report; without it none comes', async () => {
    const { compose } = app.services
    const asked = await compose.sendDraft(
      draftWith({ to: bob.address, subject: 'Tell me', deliveryNotify: 'all' }),
    )
    const quiet = await compose.sendDraft(draftWith({ to: bob.address, subject: 'Quiet' }))
    await settled(app.services, asked.id)
    await settled(app.services, quiet.id)
    const [report] = await waitFor('the success report', async () => {
      const r = await reportsFor(sender, asked.id)
      return r.length > 0 ? r : undefined
    })
    const text = report!.toString('utf8')
    if (process.env.SAVE_BOUNCES)
      writeFileSync(join(process.env.SAVE_BOUNCES, 'postfix-success.eml'), report!)
    expect(text).toMatch(/^Action: (delivered|relayed)/m)
    expect(text).toMatch(/^Status: 2\.\d\.\d/m)
    expect(await reportsFor(sender, quiet.id)).toEqual([])
    await app.services.mail.syncAccount('acc')
    const status = await waitFor('the success report matched', () => {
      const s = app.services.delivery.statusFor(asked.messageId)
      return s.length > 0 ? s : undefined
    })
    expect(status.map((d) => [d.recipient, d.action, d.status])).toEqual([[bob.address, 'relayed', '2.0.0']])
    expect(app.services.delivery.statusFor(quiet.messageId)).toEqual([])
  })

  it('a server without DSN (Exim here) gets no DSN parameters, so the message still goes out', async () => {
    const eximSender = await knownUser('dsn-exim', cyrusFamily)
    const eximBob = await knownUser('dsn-exim-bob', cyrusFamily)
    await addAccount(app.services, stackAccount('exim', eximSender), eximSender.password)
    const { compose } = app.services
    expect(await compose.getSubmissionInfo('exim')).toMatchObject({ dsn: false })
    const item = await compose.sendDraft({
      ...compose.createDraft('exim', null),
      to: eximBob.address,
      subject: 'No DSN here',
      deliveryNotify: 'all',
    })
    // Parameters a server did not offer are refused (RFC 5321 §4.1.1.11: 555): sent means none went.
    expect(await settled(app.services, item.id)).toMatchObject({ state: 'sent', attempts: 1 })
    expect(await fetchByMessageId(eximBob, 'INBOX', item.messageId)).toHaveLength(1)
  })
})
