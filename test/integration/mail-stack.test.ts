import { ImapFlow } from 'imapflow'
import { simpleParser } from 'mailparser'
import nodemailer from 'nodemailer'
import { describe, expect, it } from 'vitest'
import { createTestUser, mailStack, testCa, type TestUser } from '../servers/mail-env'
import { pop3Retrieve } from '../servers/pop3-probe'

/** Smoke tests of the private mail stack itself: what every other integration test stands on. */

function imap(user: TestUser, mode: 'tls' | 'starttls' = 'tls') {
  const { host, ports } = mailStack()
  return new ImapFlow({
    host,
    port: mode === 'tls' ? ports.imaps : ports.imap,
    secure: mode === 'tls',
    doSTARTTLS: mode === 'starttls' ? true : undefined,
    servername: 'localhost',
    tls: { ca: testCa() },
    auth: { user: user.address, pass: user.password },
    logger: false,
  })
}

function submit(user: TestUser, mode: 'tls' | 'starttls') {
  const { host, ports } = mailStack()
  return nodemailer.createTransport({
    host,
    port: mode === 'tls' ? ports.submissions : ports.submission,
    secure: mode === 'tls',
    requireTLS: mode === 'starttls',
    auth: { user: user.address, pass: user.password },
    tls: { ca: testCa(), servername: 'localhost' },
  })
}

async function waitForMessages(user: TestUser, count: number): Promise<void> {
  const client = imap(user)
  await client.connect()
  try {
    for (let i = 0; i < 200; i++) {
      const status = await client.status('INBOX', { messages: true })
      if (status && (status.messages ?? 0) >= count) return
      await new Promise((r) => setTimeout(r, 50))
    }
    throw new Error(`INBOX of ${user.address} never reached ${count} messages`)
  } finally {
    await client.logout()
  }
}

describe('private mail stack', () => {
  it('delivers mail submitted with AUTH over STARTTLS and implicit TLS; IMAP and POP3 both read it', async () => {
    const alice = createTestUser('alice')
    const bob = createTestUser('bob')
    const subjects = ['over STARTTLS ✓', 'over implicit TLS ✓']
    await submit(alice, 'starttls').sendMail({
      from: alice.address,
      to: bob.address,
      subject: subjects[0],
      text: 'Grüße 1',
    })
    await submit(alice, 'tls').sendMail({
      from: alice.address,
      to: bob.address,
      subject: subjects[1],
      text: 'Grüße 2',
    })
    await waitForMessages(bob, 2)

    const client = imap(bob, 'starttls')
    await client.connect()
    const seen: string[] = []
    const lock = await client.getMailboxLock('INBOX')
    try {
      for await (const msg of client.fetch('1:*', { source: true })) {
        const parsed = await simpleParser(msg.source!)
        seen.push(parsed.subject ?? '')
        expect(parsed.text?.trim()).toMatch(/^Grüße [12]$/)
        expect(parsed.from?.value[0]?.address).toBe(alice.address)
      }
    } finally {
      lock.release()
      await client.logout()
    }
    expect(seen.sort()).toEqual([...subjects].sort())

    const { host, ports } = mailStack()
    const pop = await pop3Retrieve({
      host,
      port: ports.pop3s,
      ca: testCa(),
      user: bob.address,
      password: bob.password,
    })
    expect(pop.count).toBe(2)
    expect(new Set(pop.uidls).size).toBe(2)
    const popSubjects = await Promise.all(pop.messages.map(async (m) => (await simpleParser(m)).subject))
    expect(popSubjects.sort()).toEqual([...subjects].sort())
  })

  it('refuses a wrong password on IMAP, submission and POP3', async () => {
    const user = createTestUser()
    const wrong = { ...user, password: 'not-the-password' }
    await expect(imap(wrong).connect()).rejects.toMatchObject({ authenticationFailed: true })
    await expect(submit(wrong, 'starttls').verify()).rejects.toMatchObject({ responseCode: 535 })
    const { host, ports } = mailStack()
    await expect(
      pop3Retrieve({ host, port: ports.pop3s, ca: testCa(), user: wrong.address, password: wrong.password }),
    ).rejects.toThrow(/-ERR/)
  })

  it('refuses a client that does not trust the test CA', async () => {
    const { host, ports } = mailStack()
    const user = createTestUser()
    const client = new ImapFlow({
      host,
      port: ports.imaps,
      secure: true,
      servername: 'localhost',
      auth: { user: user.address, pass: user.password },
      logger: false,
    })
    await expect(client.connect()).rejects.toThrow(/certificate/i)
  })
})
