import { afterEach, describe, expect, it } from 'vitest'
import { createMailApi } from '../../src/main/api/mail-api'
import { offlineBodyBytes } from '../../src/main/core/store/offline-bodies'
import { MailWorld, testMessage } from './helpers/mail-world'

/**
 * Search of bodies and the query language against the real Dovecot: bodies arrive through the
 * engine's background download, the search service's body pass indexes them, and the operators'
 * answers agree with the server's own SEARCH on the same mailbox.
 */

const worlds: MailWorld[] = []
afterEach(async () => {
  for (const w of worlds.splice(0)) await w.close()
})

const withAttachment = (subject: string, date: Date) =>
  [
    'From: Ada <ada@example.test>',
    'To: reader@example.test',
    `Subject: ${subject}`,
    `Date: ${date.toUTCString()}`,
    `Message-ID: <${subject.replace(/\W/g, '')}@example.test>`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b"',
    '',
    '--b',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'The slides are attached.',
    '--b',
    'Content-Type: application/pdf',
    'Content-Disposition: attachment; filename="Gipfel-Übersicht.pdf"',
    'Content-Transfer-Encoding: base64',
    '',
    'JVBERi0xLjQK',
    '--b--',
    '',
  ].join('\r\n')

describe('body search and operators against Dovecot', () => {
  it('finds a word only in a body after the background pass; is:, has:, in:, before: agree with the server', async () => {
    const w = await MailWorld.open({ start: false })
    worlds.push(w)
    const admin = await w.admin()
    await admin.mailboxCreate('Trips')
    const day = (d: number) => new Date(Date.UTC(2026, 10, d, 12))
    await w.append(
      'INBOX',
      testMessage({ subject: 'Saturday', body: 'Shall we hike up the Zugspitze?', date: day(3) }),
      [],
      day(3),
    )
    await w.append('INBOX', withAttachment('Slides', day(10)), ['\\Seen'], day(10))
    await w.append('INBOX', testMessage({ subject: 'Read note', date: day(15) }), ['\\Seen'], day(15))
    await w.append('INBOX', testMessage({ subject: 'Unread note', date: day(20) }), [], day(20))
    await w.append(
      'Trips',
      testMessage({ subject: 'Alps route', body: 'Route over the glacier', date: day(5) }),
      [],
      day(5),
    )
    const old = new Date(Date.now() - 200 * 86_400_000)
    await w.append(
      'Trips',
      testMessage({ subject: 'Old trip', body: 'The moraine path', date: old }),
      ['\\Seen'],
      old,
    )

    const api = createMailApi(w.services)
    const subjects = async (query: string) =>
      (await api.searchMessages(query, { accountId: w.account.id })).items.map((m) => m.subject).sort()

    w.mail.start() // the engine: first sync, then the background download of Inbox bodies
    await w.until('the first sync', () => w.store.mailboxes.byRole(w.account.id, 'inbox')?.syncedAt != null)
    await w.mail.syncAccount(w.account.id)
    // Headers alone do not hold the word; the body pass finds it once the body is stored.
    await w.until(
      'the body word found by the background pass',
      async () => (await subjects('hike')).length > 0,
      60_000,
    )
    expect(await subjects('hike')).toEqual(['Saturday'])
    expect(await subjects('zugspitze -is:read')).toEqual(['Saturday'])
    await w.until(
      'the attachment name indexed',
      async () => (await subjects('filename:gipfel')).length > 0,
      60_000,
    )
    expect(await subjects('filename:ubersicht')).toEqual(['Slides'])
    expect(w.services.search.stats().bodies).toBeGreaterThanOrEqual(4)

    // The same questions to the server's SEARCH, and to the local store.
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
    const inboxUnread = await serverSubjects('INBOX', { seen: false })
    const tripsUnread = await serverSubjects('Trips', { seen: false })
    expect(await subjects('is:unread')).toEqual([...inboxUnread, ...tripsUnread].sort())
    expect(await subjects('in:inbox is:unread')).toEqual(inboxUnread)
    expect(await subjects('in:inbox is:read')).toEqual(await serverSubjects('INBOX', { seen: true }))
    expect(await subjects('in:trips')).toEqual(await serverSubjects('Trips', { all: true }))
    expect(await subjects('in:inbox before:2026/11/12')).toEqual(
      await serverSubjects('INBOX', { before: day(12) }),
    )
    expect(await subjects('in:inbox after:2026/11/12')).toEqual(
      await serverSubjects('INBOX', { since: day(12) }),
    )
    expect(await subjects('has:attachment')).toEqual(['Slides'])
    expect(await subjects('hike OR slides')).toEqual(['Saturday', 'Slides'])
    expect(await subjects('-in:inbox')).toEqual(['Alps route', 'Old trip'])

    // Bodies of the last 90 days are downloaded from every folder, older ones are not.
    await w.until('the Trips body indexed', async () => (await subjects('glacier')).length > 0, 60_000)
    expect(await subjects('glacier')).toEqual(['Alps route'])
    const stored = w.services.db
      .prepare<[], string>('SELECT subject FROM mail_messages WHERE has_source = 1 ORDER BY subject')
      .pluck()
      .all()
    expect(stored).toEqual(['Alps route', 'Read note', 'Saturday', 'Slides', 'Unread note'])
    expect(await subjects('moraine')).toEqual([])
    expect(offlineBodyBytes(w.services.db, w.account.id)).toBeGreaterThan(500)
    // A value that cannot mean anything is refused, naming the term.
    await expect(api.searchMessages('before:2026/13/45', {})).rejects.toMatchObject({ code: 'INVALID_INPUT' })
  })
})
