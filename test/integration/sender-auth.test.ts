/**
 * Sender authenticity on mail that went through the real Postfix and Dovecot of the test stack:
 * they add no Authentication-Results, so the app checks the message itself (mailauth), with DNS
 * answered by the test's own table (its DKIM key, SPF and DMARC records).
 */
import nodemailer from 'nodemailer'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MessageSummary } from '../../src/shared/model/mail'
import { dkimWorld } from '../helpers/dkim-world'
import { familyOf } from '../servers/families'
import { testCa, type TestUser } from '../servers/mail-env'
import {
  addAccount,
  knownUser,
  stackAccount,
  startSendingApp,
  waitFor,
  type SendingApp,
} from './helpers/sending'

const dns = dkimWorld(['example.com'])

/** Submits `raw` as it is (signed headers untouched) for `user` through the real Postfix. */
async function deliverRaw(user: TestUser, raw: string): Promise<void> {
  const { host, ports } = familyOf(user)
  const transport = nodemailer.createTransport({
    host,
    port: ports.submissions,
    secure: true,
    auth: { user: user.address, pass: user.password },
    tls: { ca: testCa() },
  })
  try {
    await transport.sendMail({ envelope: { from: user.address, to: user.address }, raw })
  } finally {
    transport.close()
  }
}

const message = (id: string, body: string) =>
  [
    'From: Bob <bob@example.com>',
    'To: ann@example.test',
    `Subject: Signed ${id}`,
    'Date: Mon, 7 Dec 2026 10:00:00 +0000',
    `Message-ID: <${id}@example.com>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    body,
    '',
  ].join('\r\n')

describe('sender checks on mail delivered by the real Postfix and Dovecot', () => {
  let app: SendingApp
  let user: TestUser
  beforeAll(async () => {
    app = await startSendingApp({ dnsResolver: dns.resolver })
    user = await knownUser('sender-auth')
    await addAccount(app.services, stackAccount('acc', user), user.password)
  })
  afterAll(async () => {
    await app?.close()
  })

  async function stored(messageId: string): Promise<MessageSummary> {
    const { mail } = app.services
    return waitFor(`${messageId} in the store`, async () => {
      await mail.syncAccount('acc')
      const inbox = mail.findMailboxByRole('acc', 'inbox')
      if (!inbox) return undefined
      const page = await mail.listMessages(inbox.id, { offset: 0, limit: 50 })
      return page.items.find((m) => m.messageId === messageId)
    })
  }

  it('a message signed with our key passes DKIM and DMARC for example.com; changed on the way, it fails', async () => {
    const tag = Date.now().toString(36)
    const good = await dns.sign(message(`good-${tag}`, 'The invoice is attached.'), 'example.com')
    const signed = await dns.sign(message(`bad-${tag}`, 'The invoice is attached.'), 'example.com')
    // Changed after signing, with a forged pass from a server that is not this account's.
    const forged =
      'Authentication-Results: mx.google.com; dkim=pass header.d=example.com; dmarc=pass header.from=example.com\r\n' +
      signed.replace('The invoice is attached.', 'Pay to account XX00 9999.')
    await deliverRaw(user, good)
    await deliverRaw(user, forged)

    const goodRow = await stored(`<good-${tag}@example.com>`)
    const pass = await app.services.senderAuth.check(goodRow.id)
    expect(pass.auth).toMatchObject({ source: 'local', verdict: 'pass', alignedDomain: 'example.com' })
    expect(pass.auth.methods.find((m) => m.method === 'dkim')).toMatchObject({
      verdict: 'pass',
      domain: 'example.com',
    })
    expect(pass.warnings).toEqual([])

    const badRow = await stored(`<bad-${tag}@example.com>`)
    const fail = await app.services.senderAuth.check(badRow.id)
    expect(fail.auth).toMatchObject({ source: 'local', verdict: 'fail', alignedDomain: null })
    expect(fail.auth.methods.find((m) => m.method === 'dkim')).toMatchObject({
      verdict: 'fail',
      reason: 'body-changed',
    })
    expect(fail.auth.methods.find((m) => m.method === 'dmarc')).toMatchObject({ verdict: 'fail' })
    // The reader's calm note says so (spoof-warnings.ts, wired in services.ts).
    expect(fail.warnings).toEqual([{ kind: 'dmarc-fail', domain: 'example.com' }])
    // Dovecot and Postfix add no results here, so nothing was learned from the Inbox.
    expect(app.services.senderAuth.authservFor('acc')).toBeNull()
  })
})
