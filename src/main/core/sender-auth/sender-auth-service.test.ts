import { describe, expect, it } from 'vitest'
import type { Mailbox, MessageSummary, MessageView } from '../../../shared/model/mail'
import { dkimWorld } from '../../../../test/helpers/dkim-world'
import { sampleAccount } from '../../../../test/helpers/sample-account'
import { createAccountStore } from '../accounts/account-store'
import { openDatabase } from '../store/database'
import { createSenderAuthService, type SenderAuthMail } from './sender-auth-service'

const OURS = 'mx.mailroom.test'
const crlf = (lines: string[]) => lines.join('\r\n')
const hop = (ip: string) =>
  `Received: from mail.example.com (mail.example.com [${ip}]) by mx.mailroom.test; Mon, 7 Dec 2026 10:00:01 +0000`

function message(from: string, extra: string[] = [], body = 'Hello Ann,\r\nsee you.\r\n') {
  return (
    crlf([
      ...extra,
      `From: ${from}`,
      'To: ann@mailroom.test',
      'Subject: Hello',
      'Date: Mon, 7 Dec 2026 10:00:00 +0000',
      '',
      '',
    ]) + body
  )
}

/** A tiny mail store: an Inbox and a Sent folder of raw messages. */
function world(raws: string[], sentIndex = -1) {
  const db = openDatabase(':memory:')
  createAccountStore(db).insert(sampleAccount('a'))
  const box = (id: string, role: Mailbox['role']): Mailbox => ({
    id,
    accountId: 'a',
    path: id,
    name: id,
    parentPath: null,
    role,
    unread: 0,
    total: 0,
    selectable: true,
  })
  const summary = (i: number): MessageSummary => {
    const from = /^From: .*?([^<\s]+@[^>\s]+)/m.exec(raws[i]!)?.[1] ?? ''
    return {
      id: String(i),
      accountId: 'a',
      mailboxId: i === sentIndex ? 'sent' : 'inbox',
      subject: 'Hello',
      from: [{ address: from }],
      to: [],
      cc: [],
      date: 0,
      receivedAt: 0,
      flags: { seen: false, flagged: false, answered: false, draft: false },
      hasAttachments: false,
      size: raws[i]!.length,
      messageId: null,
      inReplyTo: null,
      references: [],
      preview: null,
      threadId: String(i),
      threadSize: 1,
    }
  }
  const reads: string[] = []
  const mail: SenderAuthMail = {
    getMessage: (id) =>
      Promise.resolve({ summary: summary(Number(id)), replyTo: [], bcc: [] } as unknown as MessageView),
    getRawMessage: (id) => {
      reads.push(id)
      return Promise.resolve(Buffer.from(raws[Number(id)]!))
    },
    findMailboxByRole: (_a, role) =>
      role === 'inbox' ? box('inbox', 'inbox') : role === 'sent' ? box('sent', 'sent') : null,
    listMessages: () =>
      Promise.resolve({
        total: raws.length,
        offset: 0,
        items: raws.map((_, i) => summary(i)).filter((m) => m.mailboxId === 'inbox'),
      }),
  }
  return { db, mail, reads }
}

describe('the sender check of a stored message', () => {
  it('learns our server’s authserv-id from the Inbox and reads only its results', async () => {
    const ar = (verdicts: string) => `Authentication-Results: ${OURS}; ${verdicts}`
    const raws = [
      message('bob@example.com', [
        ar('dkim=pass header.d=example.com; dmarc=pass header.from=example.com'),
        hop('203.0.113.5'),
      ]),
      message('c@two.test', [ar('spf=pass smtp.mailfrom=c@two.test'), hop('203.0.113.6')]),
      message('d@three.test', [ar('dkim=none'), hop('203.0.113.7')]),
      // A sender's own fields claiming another server's word: never read.
      message('mallory@bank.test', [
        ar('dmarc=fail header.from=bank.test; spf=fail smtp.mailfrom=bank.test'),
        hop('198.51.100.9'),
        'Authentication-Results: mx.google.com; dkim=pass header.d=bank.test; dmarc=pass header.from=bank.test',
      ]),
    ]
    const { db, mail } = world(raws)
    const service = createSenderAuthService({ db, mail, resolver: dkimWorld().resolver })
    expect((await service.check('0')).auth).toMatchObject({
      source: 'server',
      authservId: OURS,
      verdict: 'pass',
      alignedDomain: 'example.com',
    })
    expect(service.authservFor('a')).toEqual({ authservId: OURS, origin: 'learned' })
    const forged = (await service.check('3')).auth
    expect(forged).toMatchObject({ source: 'server', verdict: 'fail', alignedDomain: null })
    expect(forged.methods.map((m) => `${m.method}=${m.result}`)).toEqual(['dmarc=fail', 'spf=fail'])
  })

  it('when the server adds none, checks here: a forged pass from another server does not save a tampered message', async () => {
    const dns = dkimWorld()
    const signed = await dns.sign(message('bob@example.com'), 'example.com')
    const tampered = signed.replace('see you.', 'pay now.')
    const forgedAr =
      'Authentication-Results: mx.google.com; dkim=pass header.d=example.com; dmarc=pass header.from=example.com'
    const raws = [crlf(['Return-Path: <bob@example.com>', hop('203.0.113.5'), '']) + signed]
    // Changed on the way and sent on from a server example.com does not permit.
    raws.push(crlf(['Return-Path: <bob@example.com>', hop('198.51.100.9'), forgedAr, '']) + tampered)
    const { db, mail } = world(raws)
    const service = createSenderAuthService({ db, mail, resolver: dns.resolver })
    expect((await service.check('0')).auth).toMatchObject({
      source: 'local',
      verdict: 'pass',
      alignedDomain: 'example.com',
    })
    const bad = (await service.check('1')).auth
    expect(bad).toMatchObject({ source: 'local', verdict: 'fail' })
    expect(bad.methods.find((m) => m.method === 'dkim')).toMatchObject({ reason: 'body-changed' })
    expect(service.authservFor('a')).toBeNull()
  })

  it('an id set by the person wins over learning; our own sent mail is not checked', async () => {
    const raws = [
      message('bob@example.com', [
        'Authentication-Results: mx.corp.test; dkim=fail header.d=example.com',
        hop('203.0.113.5'),
      ]),
      message('ann@mailroom.test'),
    ]
    const { db, mail, reads } = world(raws, 1)
    const service = createSenderAuthService({ db, mail, resolver: dkimWorld().resolver })
    service.setAuthservId('a', 'MX.corp.test')
    expect((await service.check('0')).auth).toMatchObject({
      source: 'server',
      authservId: 'mx.corp.test',
      verdict: 'fail',
    })
    expect((await service.check('1')).auth).toMatchObject({ source: 'unchecked', verdict: 'none' })
    expect(reads).toEqual(['0'])
  })
})
