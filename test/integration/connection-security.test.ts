import { randomBytes } from 'node:crypto'
import { connect } from 'node:net'
import { connect as tlsConnect } from 'node:tls'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { draftFor } from '../helpers/account-drafts'
import { cyrusFamily, SERVER_FAMILIES } from '../servers/families'
import { testCa } from '../servers/mail-env'
import {
  addAccount,
  fetchByMessageId,
  knownUser,
  settled,
  stackAccount,
  startSendingApp,
  waitFor,
  type SendingApp,
} from './helpers/sending'

/**
 * Connecting to each server family the ways people set accounts up: implicit TLS and STARTTLS
 * (STLS for POP3), with each login method, for IMAP, POP3 and submission. Cyrus refuses any
 * password before TLS (LOGINDISABLED, RFC 3501 §6.2.3) and offers SCRAM and CRAM-MD5 there; Exim
 * offers AUTH only over TLS. (Bad certificates and missing STARTTLS: tls-matrix.test.ts.)
 */
let app: SendingApp

beforeAll(async () => {
  app = await startSendingApp()
  app.services.outbox.setSettings({ undoSeconds: 0 })
})
afterAll(async () => {
  await app?.close()
})

describe.each(SERVER_FAMILIES)('connecting to $title', (family) => {
  it('verifies IMAP, POP3 and submission over implicit TLS and STARTTLS, with each login method', async () => {
    const user = family.createTestUser('conn')
    const { ports } = family
    for (const [protocol, port, security, smtpPort] of [
      ['imap', ports.imaps, 'tls', ports.submissions],
      ['imap', ports.imap, 'starttls', ports.submission],
      ['pop3', ports.pop3s, 'tls', ports.submissions],
      ['pop3', ports.pop3, 'starttls', ports.submission],
    ] as const) {
      for (const authMethod of ['auto', 'plain', 'login'] as const) {
        const draft = draftFor(user, {
          incoming: { protocol, port, security, authMethod },
          outgoing: { port: smtpPort, security, authMethod },
        })
        const report = await app.services.accountsService.test(draft, { incoming: user.password })
        expect({ protocol, security, authMethod, ...report }).toMatchObject({
          incoming: { ok: true },
          outgoing: { ok: true },
        })
      }
    }
  })

  it('refuses a wrong password on every protocol with AUTH_FAILED and the server’s own words', async () => {
    const user = family.createTestUser('conn-bad')
    const wrong = `wrong-${randomBytes(6).toString('hex')}`
    const { ports } = family
    const imap = await app.services.accountsService.test(
      draftFor(user, {
        incoming: { port: ports.imap, security: 'starttls' },
        outgoing: { port: ports.submission, security: 'starttls' },
      }),
      { incoming: wrong },
    )
    const refused = (protocol: string, words: RegExp) => ({
      ok: false,
      error: {
        code: 'AUTH_FAILED',
        detail: { protocol, serverResponse: expect.stringMatching(words) as string },
      },
    })
    expect(imap.incoming).toMatchObject(refused('imap', /\S/))
    expect(imap.outgoing).toMatchObject(refused('smtp', /^535 /))
    const pop3 = await app.services.accountsService.test(
      draftFor(user, { incoming: { protocol: 'pop3', port: ports.pop3, security: 'starttls' } }),
      { incoming: wrong },
    )
    expect(pop3.incoming).toMatchObject(refused('pop3', /^-ERR /))
  })

  it('syncs, sends and saves the Sent copy with STARTTLS on both sides', async () => {
    const user = await knownUser('starttls', family)
    const friend = await knownUser('starttls-to', family)
    const { ports } = family
    const base = stackAccount(`starttls-${family.name}`, user)
    const account = stackAccount(base.id, user, {
      incoming: { ...base.incoming, port: ports.imap, security: 'starttls' },
      outgoing: { ...base.outgoing, port: ports.submission, security: 'starttls' },
    })
    await addAccount(app.services, account, user.password)
    await app.services.mail.syncAccount(account.id)
    expect(app.services.mail.findMailboxByRole(account.id, 'sent')?.path).toBe('Sent')

    const { compose } = app.services
    const draft = compose.createDraft(account.id, null)
    const item = await compose.sendDraft({
      ...draft,
      to: friend.address,
      subject: 'over STARTTLS',
      text: 'First line.\nSecond line.\n',
      format: 'plain',
    })
    expect(await settled(app.services, item.id)).toMatchObject({ state: 'sent', sentCopy: 'saved' })
    await waitFor('delivery', async () =>
      (await fetchByMessageId(friend, 'INBOX', item.messageId)).length === 1 ? true : undefined,
    )
    expect(await fetchByMessageId(user, 'Sent', item.messageId)).toHaveLength(1)
  })
})

/** A session's answer to `command` (after the greeting), in plain text or over implicit TLS. */
function answer(port: number, command: string, until: RegExp, secure = false): Promise<string> {
  return new Promise((resolve, reject) => {
    const { host } = cyrusFamily
    const socket = secure
      ? tlsConnect({ host, port, ca: testCa(), servername: 'localhost' })
      : connect(port, host)
    let text = ''
    let sent = false
    socket.setTimeout(5000, () => socket.destroy(new Error(`no answer on port ${port}`)))
    socket.on('error', reject)
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1')
      if (!sent && text.includes('\r\n')) {
        sent = true
        socket.write(`${command}\r\n`)
      } else if (sent && until.test(text)) {
        socket.end()
        resolve(text)
      }
    })
  })
}

describe('the Cyrus + Exim servers', () => {
  // What the tests above rely on, so a configuration change cannot quietly make them easier.
  it('refuse passwords before TLS and offer SCRAM there (IMAP, POP3); Exim offers AUTH only over TLS', async () => {
    const { ports } = cyrusFamily
    const imap = await answer(ports.imap, 'a CAPABILITY', /^a OK/m)
    expect(imap).toMatch(/^\* CAPABILITY .*\bSTARTTLS\b/m)
    expect(imap).toMatch(/\bLOGINDISABLED\b/)
    expect(imap).toMatch(/\bAUTH=SCRAM-SHA-256\b/)
    expect(imap).not.toMatch(/\bAUTH=PLAIN\b/)
    const pop3 = await answer(ports.pop3, 'CAPA', /^\.\r$/m)
    expect(pop3).toMatch(/^STLS\r$/m)
    expect(pop3).toMatch(/^SASL .*SCRAM-SHA-256/m)
    expect(pop3).not.toMatch(/^(SASL .*\bPLAIN\b|USER)/m)
    const ehlo = await answer(ports.submission, 'EHLO client.example.test', /^250 /m)
    expect(ehlo).toMatch(/^250-STARTTLS\r$/m)
    expect(ehlo).not.toMatch(/AUTH/)
    const overTls = await answer(ports.submissions, 'EHLO client.example.test', /^250 /m, true)
    for (const extension of ['AUTH PLAIN LOGIN', 'CHUNKING', 'SMTPUTF8', 'PIPELINING'])
      expect(overTls).toMatch(new RegExp(`^250[- ]${extension}\\r$`, 'm'))
  })

  it('mark special-use folders in lower case (RFC 6154 flags are case-insensitive)', async () => {
    const user = await knownUser('flags', cyrusFamily)
    const list = await answer(
      cyrusFamily.ports.imaps,
      `a LOGIN ${user.address} ${user.password}\r\nb LIST "" "*" RETURN (SPECIAL-USE)`,
      /^b OK/m,
      true,
    )
    for (const [path, flag] of [
      ['Sent', '\\sent'],
      ['Drafts', '\\drafts'],
      ['Trash', '\\trash'],
      ['Junk', '\\junk'],
      ['Archive', '\\archive'],
    ])
      expect(list).toMatch(new RegExp(`^\\* LIST \\([^)]*\\${flag}[ )][^\r]* ${path}\r$`, 'm'))
  })
})
