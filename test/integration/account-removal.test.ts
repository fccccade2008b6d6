import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import keytar from 'keytar'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { accountSecretKeys } from '../../src/main/core/accounts/account-secrets'
import { createMailStore, type MailStore } from '../../src/main/core/store/mail-store'
import { createPop3State } from '../../src/main/core/pop3/pop3-state'
import { openSecretStore } from '../../src/main/core/secrets/keytar-secret-store'
import { createServices, type Services } from '../../src/main/services'
import { sampleAccount } from '../helpers/sample-account'

/**
 * What removing an account deletes (core/store/account-removal.ts), with the real store and the
 * real keychain (gnome-keyring on the test D-Bus): every row of every table that belongs to the
 * account, its keychain entries, and nothing of the other account.
 */
const KEYCHAIN = `mailroom-removal-test-${randomBytes(4).toString('hex')}`
const dataDir = mkdtempSync(join(tmpdir(), 'mailroom-removal-'))
let services: Services
let store: MailStore

beforeAll(async () => {
  services = createServices({
    appName: 'Mailroom',
    version: '0.0.0-test',
    dataDir,
    platform: process.platform,
    secrets: await openSecretStore(KEYCHAIN),
    startMailSync: false,
    backup: false,
    // Nothing leaves during the test: drafts are not copied, queued mail waits for its undo time.
    draftSyncIntervalMs: 3_600_000,
  })
  // The store's repositories over the same database (rows the servers would have brought).
  store = createMailStore(services.db)
})
afterAll(async () => {
  await services.close()
  for (const c of await keytar.findCredentials(KEYCHAIN)) await keytar.deletePassword(KEYCHAIN, c.account)
  rmSync(dataDir, { recursive: true, force: true })
})

const count = (sql: string, ...params: unknown[]) =>
  (services.db.prepare(sql).get(...params) as { n: number }).n
const keychainEntries = async () => (await keytar.findCredentials(KEYCHAIN)).map((c) => c.account)
const ftsHits = (word: string) => count('SELECT count(*) AS n FROM search_fts WHERE search_fts MATCH ?', word)

/** Tables with an account_id column: each must hold nothing of a removed account. */
function accountTables(): string[] {
  const tables = services.db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
    .all()
    .map((t) => t.name)
  return tables.filter((t) =>
    services.db
      .prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${t}')`)
      .all()
      .some((c) => c.name === 'account_id'),
  )
}

/** Gives the account a row in every kind of data it can own, through the services' APIs. */
async function populate(accountId: string, word: string): Promise<void> {
  services.accounts.insert(sampleAccount(accountId))
  for (const key of accountSecretKeys(accountId)) await services.secrets.set(key, `secret-${accountId}`)
  const listing = (path: string, role: 'inbox' | 'sent') => ({
    path,
    name: path,
    parentPath: null,
    delimiter: '/',
    role,
    selectable: true,
    statusTotal: null,
    statusUnread: null,
  })
  const inbox = store.mailboxes.insert(accountId, listing('INBOX', 'inbox'))
  store.mailboxes.insert(accountId, listing('Sent', 'sent'))
  // A Sent copy the server does not have yet: a message row with its source and thread ids.
  const raw = Buffer.from(
    `From: a@example.test\r\nTo: b@example.test\r\nSubject: ${word}\r\nMessage-ID: <${word}@example.test>\r\n` +
      `Date: Mon, 7 Dec 2026 10:00:00 +0000\r\n\r\nBody ${word}\r\n`,
  )
  services.mail.pendingCopies.show(accountId, 'sent', raw, {
    messageId: `<${word}@example.test>`,
    date: Date.now(),
    flags: { seen: true, draft: false },
  })
  const [copy] = (
    await services.mail.listMessages(String(store.mailboxes.byRole(accountId, 'sent')!.id), {
      offset: 0,
      limit: 10,
    })
  ).items
  await services.mail.allowRemoteContent(copy!.id, 'sender')
  store.queue.enqueue(accountId, {
    kind: 'flags',
    mailboxId: inbox,
    messageIds: [],
    add: ['\\Seen'],
    remove: [],
  })
  services.search.indexNow()
  // A draft with an attachment, and a message in the outbox.
  const draft = services.compose.createDraft(accountId, null)
  services.compose.saveDraft({ ...draft, subject: word, to: 'b@example.test' })
  services.compose.addAttachment(draft.id, {
    filename: 'a.txt',
    contentType: 'text/plain',
    data: Buffer.from('x'),
  })
  const queued = services.compose.createDraft(accountId, null)
  await services.compose.sendDraft({
    ...queued,
    subject: word,
    to: 'b@example.test',
    text: 'hi',
    format: 'plain',
  })
  // POP3 bookkeeping.
  const pop3 = createPop3State(services.db)
  pop3.record(accountId, `uidl-${word}`, `<${word}@example.test>`, Date.now())
  pop3.setStatus(accountId, { identity: 'uidl', lastCheckAt: Date.now(), lastError: null })
}

describe('removing an account', () => {
  it('deletes every row and keychain entry of the account and nothing of another', async () => {
    services.outbox.setSettings({ undoSeconds: 60 })
    await populate('gone', 'zebrafish')
    await populate('kept', 'quokka')
    const tables = accountTables()
    // The kinds of data the policy names all exist for both accounts before the removal.
    const owned = [
      'mail_mailboxes',
      'mail_messages',
      'mail_remote_senders',
      'mail_actions',
      'mail_thread_ids',
    ]
    for (const t of [...owned, 'drafts', 'outbox', 'pop3_messages', 'pop3_status']) {
      expect(tables, t).toContain(t)
      for (const id of ['gone', 'kept']) {
        expect(
          count(`SELECT count(*) AS n FROM ${t} WHERE account_id = ?`, id),
          `${t} ${id}`,
        ).toBeGreaterThan(0)
      }
    }
    expect(ftsHits('zebrafish')).toBeGreaterThan(0)
    expect(await keychainEntries()).toEqual(expect.arrayContaining(accountSecretKeys('gone')))
    const before = Object.fromEntries(
      tables.map((t) => [t, count(`SELECT count(*) AS n FROM ${t} WHERE account_id = 'kept'`)]),
    )
    const sourcesKept = count('SELECT count(*) AS n FROM mail_sources')

    await services.accountsService.remove('gone')

    for (const t of tables) {
      expect(count(`SELECT count(*) AS n FROM ${t} WHERE account_id = 'gone'`), t).toBe(0)
      expect(count(`SELECT count(*) AS n FROM ${t} WHERE account_id = 'kept'`), t).toBe(before[t])
    }
    // Tables reached through their parent rows: nothing left without one, the other's untouched.
    expect(
      count('SELECT count(*) AS n FROM mail_sources WHERE message_id NOT IN (SELECT id FROM mail_messages)'),
    ).toBe(0)
    expect(count('SELECT count(*) AS n FROM mail_sources')).toBeLessThan(sourcesKept)
    expect(count('SELECT count(*) AS n FROM mail_sources')).toBeGreaterThan(0)
    expect(
      count('SELECT count(*) AS n FROM draft_attachments WHERE draft_id NOT IN (SELECT id FROM drafts)'),
    ).toBe(0)
    expect(count('SELECT count(*) AS n FROM draft_attachments')).toBeGreaterThan(0)
    expect(count('SELECT count(*) AS n FROM outbox_messages WHERE id NOT IN (SELECT id FROM outbox)')).toBe(0)
    expect(count('SELECT count(*) AS n FROM outbox_messages')).toBeGreaterThan(0)
    expect(ftsHits('zebrafish')).toBe(0)
    expect(ftsHits('quokka')).toBeGreaterThan(0)
    expect(services.search.search('zebrafish').items).toEqual([])
    // The keychain: the passwords and the OAuth refresh token of the removed account are gone.
    const left = await keychainEntries()
    for (const key of accountSecretKeys('gone')) expect(left).not.toContain(key)
    expect(left).toEqual(expect.arrayContaining(accountSecretKeys('kept')))
    expect(services.outbox.list().map((i) => i.accountId)).toEqual(['kept'])
    expect(services.compose.listDrafts().every((d) => d.accountId === 'kept')).toBe(true)
  })
})
