import { afterEach, describe, expect, it } from 'vitest'
import { createMailApi } from '../../src/main/api/mail-api'
import { MailWorld, testMessage } from './helpers/mail-world'

/**
 * Server search (issue 17 item 4) against the real Dovecot: with no bodies stored, a word only in
 * a body is found by the server's own UID SEARCH, merged as stored rows marked "on server" and
 * fetched when opened; the operators' answers equal the server's SEARCH on the same mailbox.
 */

const worlds: MailWorld[] = []
afterEach(async () => {
  for (const w of worlds.splice(0)) await w.close()
})

const multipart = (subject: string, date: Date, kind: 'mixed' | 'alternative') =>
  [
    'From: Ada <ada@example.test>',
    'To: reader@example.test',
    `Subject: ${subject}`,
    `Date: ${date.toUTCString()}`,
    `Message-ID: <${subject.replace(/\W/g, '')}-${Date.now()}@example.test>`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/${kind}; boundary="b"`,
    '',
    '--b',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'The slides are attached.',
    '--b',
    kind === 'mixed' ? 'Content-Type: application/pdf' : 'Content-Type: text/html; charset=utf-8',
    ...(kind === 'mixed'
      ? [
          'Content-Disposition: attachment; filename="deck.pdf"',
          'Content-Transfer-Encoding: base64',
          '',
          'JVBERi0xLjQK',
        ]
      : ['', '<p>The slides are attached.</p>']),
    '--b--',
    '',
  ].join('\r\n')

describe('server search against Dovecot', () => {
  it('finds a body word before any body is stored; in:, before:, has:attachment equal the server SEARCH', async () => {
    // No prefetch and no offline bodies: the store holds headers only.
    const w = await MailWorld.open({ start: false, engine: { prefetchCount: 0, offlineBodies: { days: 0 } } })
    worlds.push(w)
    const admin = await w.admin()
    await admin.mailboxCreate('Trips')
    const day = (d: number) => new Date(Date.UTC(2026, 10, d, 12))
    const append = (path: string, raw: string, flags: string[], d: Date) => w.append(path, raw, flags, d)
    await append(
      'INBOX',
      testMessage({ subject: 'Saturday', body: 'Shall we hike up the Zugspitze?', date: day(3) }),
      [],
      day(3),
    )
    await append('INBOX', multipart('Slides', day(10), 'mixed'), ['\\Seen'], day(10))
    await append('INBOX', multipart('Newsletter', day(11), 'alternative'), [], day(11))
    await append(
      'INBOX',
      testMessage({ subject: 'Greetings', body: 'Grüße aus München', date: day(15) }),
      ['\\Seen'],
      day(15),
    )
    await append(
      'Trips',
      testMessage({ subject: 'Alps route', body: 'Route over the Zugspitze glacier', date: day(5) }),
      [],
      day(5),
    )

    const api = createMailApi(w.services)
    const account = { accountId: w.account.id }
    const subjects = (r: { items: { subject: string }[] }) => r.items.map((m) => m.subject).sort()
    await w.mail.syncAccount(w.account.id)
    w.services.search.indexNow()
    expect(
      w.services.db.prepare('SELECT COUNT(*) FROM mail_messages WHERE has_source = 1').pluck().get(),
    ).toBe(0)

    // Locally the word is not there (no body stored), and the answer says it may be incomplete.
    const local = await api.searchMessages('zugspitze', account)
    expect(local.items).toEqual([])
    expect(local.incomplete).toBe(true)
    // Header-only questions are answered completely by the store.
    expect((await api.searchMessages('is:unread', account)).incomplete).toBeUndefined()

    // The server's SEARCH finds it in both folders; the hits are stored rows, marked.
    const onServer = await api.searchServer('zugspitze', account)
    expect(subjects(onServer)).toEqual(['Alps route', 'Saturday'])
    expect(onServer.items.every((h) => h.onServer === true)).toBe(true)
    expect(onServer.items.map((h) => h.mailboxName).sort()).toEqual(['INBOX', 'Trips'])
    // Words combine with header conditions, narrowed exactly by the store (newest first).
    expect(subjects(await api.searchServer('zugspitze in:inbox is:unread', account))).toEqual(['Saturday'])
    expect(subjects(await api.searchServer('zugspitze -in:inbox', account))).toEqual(['Alps route'])
    // Non-ASCII: imapflow sends CHARSET UTF-8.
    expect(subjects(await api.searchServer('münchen', account))).toEqual(['Greetings'])
    expect(subjects(await api.searchServer('hike OR glacier', account))).toEqual(['Alps route', 'Saturday'])
    expect(subjects(await api.searchServer('zugspitze -hike', account))).toEqual(['Alps route'])

    // Opening a hit fetches its body then.
    const saturday = onServer.items.find((h) => h.subject === 'Saturday')!
    const view = await api.getMessage(saturday.id)
    expect(view.text ?? '').toContain('Zugspitze')

    // The same questions to the server's SEARCH on the same mailbox.
    const serverSubjects = async (path: string, criteria: Record<string, unknown>) => {
      const lock = await admin.getMailboxLock(path)
      try {
        const uids = (await admin.search(criteria, { uid: true })) || []
        const out: string[] = []
        if (uids.length === 0) return out
        for await (const m of admin.fetch(uids, { envelope: true }, { uid: true }))
          out.push(m.envelope?.subject ?? '')
        return out.sort()
      } finally {
        lock.release()
      }
    }
    expect(subjects(await api.searchServer('in:trips', account))).toEqual(
      await serverSubjects('Trips', { all: true }),
    )
    expect(subjects(await api.searchServer('in:inbox before:2026/11/12', account))).toEqual(
      await serverSubjects('INBOX', { before: day(12) }),
    )
    expect(subjects(await api.searchServer('in:inbox after:2026/11/11', account))).toEqual(
      await serverSubjects('INBOX', { since: day(11) }),
    )
    expect(subjects(await api.searchServer('has:attachment', account))).toEqual(
      await serverSubjects('INBOX', { header: { 'content-type': 'multipart/mixed' } }),
    )
    expect(subjects(await api.searchServer('has:attachment', account))).toEqual(['Slides'])

    // Mail that arrived after the last sync: the hit has no row yet, so the folder is synced first.
    await append(
      'Trips',
      testMessage({ subject: 'New plan', body: 'Zugspitze again in May', date: day(20) }),
      [],
      day(20),
    )
    const again = await api.searchServer('zugspitze', account)
    expect(subjects(again)).toEqual(['Alps route', 'New plan', 'Saturday'])
    expect(again.items[0]?.subject).toBe('New plan')

    // A value that cannot mean anything is refused here too, naming the term.
    await expect(api.searchServer('before:2026/13/45', account)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    })
  })
})
