import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Account } from '../../../shared/model/account'
import type { AccountSource } from '../accounts/account-source'
import { createEventBus } from '../events'
import { SYSTEM_TRUST } from '../net/tls'
import { openDatabase, type Db } from '../store/database'
import { createMailService, type MailService } from './mail-service'
import { SOURCE_CHUNK_BYTES } from '../store/source-repo'

/** POP3's local folders: stored from files, read, and every reader action done locally. */

const pop3: Account = {
  id: 'pop',
  displayName: 'POP',
  address: 'pop@example.test',
  incoming: { protocol: 'pop3', host: 'h', port: 995, security: 'tls', username: 'pop', authMethod: 'auto' },
  outgoing: { host: 'h', port: 465, security: 'tls', username: 'pop', authMethod: 'auto' },
  identities: [{ id: 'i', name: 'POP', address: 'pop@example.test' }],
  pins: [],
  createdAt: 1,
}
const source: AccountSource = {
  get: () => pop3,
  password: () => Promise.reject(new Error('no server in this test')),
}

let dir: string
let db: Db
let mail: MailService

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mailroom-local-'))
  db = openDatabase(join(dir, 'store.sqlite'))
  mail = createMailService({
    db,
    events: createEventBus(),
    accountSource: source,
    listAccounts: () => [pop3],
    trust: SYSTEM_TRUST,
    dataDir: dir,
    saveDialog: { chooseSavePath: (name) => Promise.resolve(join(dir, `saved-${name}`)) },
  })
})
afterEach(async () => {
  await mail.close()
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

function eml(name: string, subject: string, extra = ''): string {
  const file = join(dir, name)
  writeFileSync(
    file,
    [
      'From: =?utf-8?q?Zo=C3=AB?= <zoe@example.test>',
      'To: pop@example.test, "Two" <two@example.test>',
      `Subject: ${subject}`,
      'Date: Thu, 04 Jan 2024 10:00:00 +0000',
      'Message-ID: <local-1@example.test>',
      'References: <a@example.test>',
      'Content-Type: text/plain; charset=utf-8',
      '',
      `Hello from a local folder.${extra}`,
      '',
    ].join('\r\n'),
  )
  return file
}

const ids = async (mailboxId: string) =>
  (await mail.listMessages(mailboxId, { offset: 0, limit: 100 })).items.map((m) => m.id)

describe('local folders (POP3)', () => {
  it('saves an attached message as a canonical .eml (CRLF), other files byte for byte', async () => {
    const { inbox } = mail.ensureLocalMailboxes('pop')
    const file = join(dir, 'fwd.eml')
    // A POP3 message is stored as the server sent it; this one carries an original with LF ends.
    const inner = 'From: a@example.test\nSubject: inner\n\nline one\nline two\rline three\n'
    const outer = [
      'From: b@example.test',
      'Subject: forwarded',
      'Content-Type: multipart/mixed; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain',
      '',
      'see attached',
      '--b',
      'Content-Type: message/rfc822; name=inner.eml',
      'Content-Disposition: attachment; filename=inner.eml',
      '',
      inner,
      '--b',
      'Content-Type: application/octet-stream; name=data.bin',
      'Content-Disposition: attachment; filename=data.bin',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('a\nb\rc').toString('base64'),
      '--b--',
      '',
    ].join('\r\n')
    writeFileSync(file, outer)
    const id = mail.insertLocalMessage(inbox, file, { receivedAt: 1 })
    const { attachments } = await mail.getMessage(id)
    const eml = attachments.find((a) => a.filename === 'inner.eml')!
    const bin = attachments.find((a) => a.filename === 'data.bin')!
    expect(await mail.saveAttachment(id, eml.id)).toEqual({ saved: true })
    const saved = readFileSync(join(dir, 'saved-inner.eml'), 'latin1')
    expect(saved).toContain('line one\r\nline two\r\nline three')
    expect(saved).not.toMatch(/[^\r]\n|\r(?!\n)/)
    expect(await mail.saveAttachment(id, bin.id)).toEqual({ saved: true })
    expect(readFileSync(join(dir, 'saved-data.bin'), 'latin1')).toBe('a\nb\rc')
  })

  it('creates Inbox, Sent, Drafts and Trash once, with roles', async () => {
    const first = mail.ensureLocalMailboxes('pop')
    expect(mail.ensureLocalMailboxes('pop')).toEqual(first)
    const boxes = await mail.listMailboxes('pop')
    expect(boxes.map((b) => [b.path, b.role])).toEqual([
      ['INBOX', 'inbox'],
      ['Drafts', 'drafts'],
      ['Sent', 'sent'],
      ['Trash', 'trash'],
    ])
    expect(mail.findMailboxByRole('pop', 'sent')?.id).toBe(first.sent)
  })

  it('stores a large message from a file in chunks, synchronously inside the caller transaction', async () => {
    const { inbox } = mail.ensureLocalMailboxes('pop')
    db.exec('CREATE TABLE pop_seen (uidl TEXT PRIMARY KEY, message_id TEXT)')
    const big = 'x'.repeat(76) + '\r\n'
    const lines = Math.ceil((SOURCE_CHUNK_BYTES * 3) / big.length)
    const file = eml('big.eml', 'Big one', `\r\n${big.repeat(lines)}`)
    const id = db.transaction(() => {
      const messageId = mail.insertLocalMessage(inbox, file, {
        receivedAt: 1_700_000_000_000,
        flags: { seen: true },
      })
      db.prepare('INSERT INTO pop_seen VALUES (?, ?)').run('uidl-1', messageId)
      return messageId
    })()
    const chunks = db
      .prepare('SELECT COUNT(*) AS n FROM mail_sources WHERE message_id = ?')
      .get(Number(id)) as { n: number }
    expect(chunks.n).toBe(4)
    const page = await mail.listMessages(inbox, { offset: 0, limit: 10 })
    expect(page.items[0]).toMatchObject({
      id,
      subject: 'Big one',
      from: [{ name: 'Zoë', address: 'zoe@example.test' }],
      to: [{ address: 'pop@example.test' }, { name: 'Two', address: 'two@example.test' }],
      date: Date.UTC(2024, 0, 4, 10),
      receivedAt: 1_700_000_000_000,
      flags: { seen: true, flagged: false },
      messageId: '<local-1@example.test>',
      references: ['<a@example.test>'],
    })
    const view = await mail.getMessage(id)
    expect(view.text).toContain('Hello from a local folder.')
    expect(view.text?.match(/x{76}/g)).toHaveLength(lines)
    expect(await mail.getMessageSource(id)).toMatch(/^From: =\?utf-8\?q\?Zo=C3=AB\?=/)
  })

  it('leaves nothing behind when the caller transaction rolls back', () => {
    const { inbox } = mail.ensureLocalMailboxes('pop')
    const file = eml('a.eml', 'rolled back')
    expect(() =>
      db.transaction(() => {
        mail.insertLocalMessage(inbox, file, { receivedAt: 1 })
        throw new Error('caller failed')
      })(),
    ).toThrow('caller failed')
    expect(db.prepare('SELECT COUNT(*) AS n FROM mail_messages').get()).toEqual({ n: 0 })
    expect(db.prepare('SELECT COUNT(*) AS n FROM mail_sources').get()).toEqual({ n: 0 })
  })

  it('does every reader action locally, with no server queue', async () => {
    const { inbox, trash } = mail.ensureLocalMailboxes('pop')
    const a = mail.insertLocalMessage(inbox, eml('a.eml', 'A'), { receivedAt: 1 })
    const b = mail.insertLocalMessage(inbox, eml('b.eml', 'B'), { receivedAt: 2 })
    const c = mail.insertLocalMessage(inbox, eml('c.eml', 'C'), { receivedAt: 3 })

    await mail.setFlags([a, b], { seen: true, flagged: true })
    await mail.setFlags([b], { flagged: false })
    const flags = (await mail.listMessages(inbox, { offset: 0, limit: 9 })).items.map((m) => [m.id, m.flags])
    expect(Object.fromEntries(flags)).toMatchObject({
      [a]: { seen: true, flagged: true },
      [b]: { seen: true, flagged: false },
      [c]: { seen: false, flagged: false },
    })

    await mail.copyMessages([a], trash)
    const [copy] = await ids(trash)
    expect(copy).not.toBe(a)
    expect((await mail.getMessage(copy!)).text).toContain('Hello from a local folder.')

    await mail.deleteMessages([b]) // Inbox → Trash, same id
    expect(await ids(trash)).toContain(b)
    await mail.deleteMessages([copy!]) // in Trash: gone for good
    expect(await ids(trash)).toEqual([b])
    await expect(mail.getMessage(copy!)).rejects.toMatchObject({ code: 'MESSAGE_NOT_FOUND' })

    await mail.archiveMessages([a])
    const archive = mail.findMailboxByRole('pop', 'archive')!
    expect(await ids(archive.id)).toEqual([a])
    await mail.markAsJunk([c])
    const junk = mail.findMailboxByRole('pop', 'junk')!
    expect(await ids(junk.id)).toEqual([c])
    const keywords = db.prepare('SELECT keywords FROM mail_messages WHERE id = ?').get(Number(c)) as {
      keywords: string
    }
    expect(JSON.parse(keywords.keywords)).toEqual(['$Junk'])
    await mail.moveMessages([c], inbox)
    expect(await ids(inbox)).toEqual([c])
    expect(db.prepare('SELECT COUNT(*) AS n FROM mail_actions').get()).toEqual({ n: 0 })
  })

  it('purges an account with every row and source', () => {
    const { inbox } = mail.ensureLocalMailboxes('pop')
    mail.insertLocalMessage(inbox, eml('a.eml', 'A'), { receivedAt: 1 })
    mail.purgeAccount('pop')
    for (const table of ['mail_mailboxes', 'mail_messages', 'mail_sources']) {
      expect(db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get()).toEqual({ n: 0 })
    }
  })

  it('refuses local messages for server mailboxes and moves across accounts', async () => {
    const { inbox } = mail.ensureLocalMailboxes('pop')
    const a = mail.insertLocalMessage(inbox, eml('a.eml', 'A'), { receivedAt: 1 })
    const other = mail.store.mailboxes.insert('imap-account', {
      path: 'INBOX',
      name: 'INBOX',
      parentPath: null,
      delimiter: '/',
      role: 'inbox',
      selectable: true,
      statusTotal: null,
      statusUnread: null,
    })
    expect(() => mail.insertLocalMessage(String(other), eml('b.eml', 'B'), { receivedAt: 1 })).toThrow(
      /local folders/,
    )
    await expect(mail.moveMessages([a], String(other))).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      detail: { field: 'targetMailboxId' },
    })
  })
})

describe('list rows of hostile headers', () => {
  it('keep a bounded subject and recipient list, while the message itself keeps everything', async () => {
    const { inbox } = mail.ensureLocalMailboxes('pop')
    const subject = 'S'.repeat(300_000)
    const recipients = Array.from({ length: 1500 }, (_, i) => `"${'N'.repeat(500)}" <r${i}@example.test>`)
    const file = join(dir, 'hostile.eml')
    writeFileSync(
      file,
      [
        'From: a@example.test',
        `Subject: ${subject}`,
        `To: ${recipients.join(',\r\n ')}`,
        'Date: Thu, 04 Jan 2024 10:00:00 +0000',
        '',
        'body',
        '',
      ].join('\r\n'),
    )
    const id = mail.insertLocalMessage(inbox, file, { receivedAt: 1 })
    const [row] = (await mail.listMessages(inbox, { offset: 0, limit: 10 })).items
    expect(row!.subject.length).toBeLessThanOrEqual(1000)
    expect(row!.subject.startsWith('SSSS')).toBe(true)
    expect(row!.to).toHaveLength(100)
    expect(row!.to[0]!.name!.length).toBeLessThanOrEqual(200)
    expect(JSON.stringify(row).length).toBeLessThan(100_000)
    expect((await mail.getMessageSource(id)).length).toBeGreaterThan(subject.length)
  })
})

describe('replies and threads in local folders', () => {
  it('marks the answered message \\Answered and a forwarded one $Forwarded, and threads a reply under it', async () => {
    const { inbox, sent } = mail.ensureLocalMailboxes('pop')
    const id = mail.insertLocalMessage(inbox, eml('o.eml', 'Original'), { receivedAt: 1 })
    await mail.markReplied('pop', '<local-1@example.test>', 'answered')
    await mail.markReplied('pop', '<nobody@example.test>', 'answered')
    const [row] = (await mail.listMessages(inbox, { offset: 0, limit: 10 })).items
    expect(row?.flags.answered).toBe(true)
    await mail.markReplied('pop', '<local-1@example.test>', 'forwarded')
    expect(mail.store.messages.get(Number(id))?.keywords).toEqual(['$Forwarded'])

    const reply = join(dir, 'reply.eml')
    writeFileSync(
      reply,
      'From: pop@example.test\r\nTo: zoe@example.test\r\nSubject: Re: Original\r\n' +
        'Date: Fri, 05 Jan 2024 10:00:00 +0000\r\nMessage-ID: <reply-1@example.test>\r\nIn-Reply-To: <local-1@example.test>\r\n' +
        'References: <a@example.test> <local-1@example.test>\r\n\r\nThanks!\r\n',
    )
    const replyId = mail.insertLocalMessage(sent, reply, { receivedAt: 2 })
    const thread = await mail.getThread(replyId)
    expect(thread.map((m) => m.id)).toEqual([id, replyId])
    expect(thread.map((m) => m.threadSize)).toEqual([2, 2])
    expect((await mail.getThread(id)).map((m) => m.id)).toEqual([id, replyId])
    await expect(mail.getThread(`${id}#2`)).rejects.toMatchObject({ code: 'MESSAGE_NOT_FOUND' })
  })
})
