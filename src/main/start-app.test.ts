import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { flipBit, rootPageOf, truncateStore } from '../../test/helpers/damage-store'
import { sampleAccount } from '../../test/helpers/sample-account'
import { createMemorySecretStore } from './core/secrets/secret-store'
import { BACKUP_DIR, backupStore } from './core/store/store-backup'
import { checkStoreFile } from './core/store/store-check'
import { STORE_FILE } from './core/store/database'
import { createServices, type Services, type ServicesOptions } from './services'
import { startApp, type RecoveryChoice, type RecoveryQuestion } from './start-app'
import { createMailStore } from './core/store/mail-store'

const dirs: string[] = []
const open: Services[] = []
afterEach(async () => {
  for (const s of open.splice(0)) await s.close()
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }))
})

function options(dataDir: string): ServicesOptions {
  return {
    appName: 'Mailroom',
    version: 'test',
    dataDir,
    platform: 'linux',
    secrets: createMemorySecretStore(),
    startMailSync: false,
    backup: false,
  }
}

/** An account whose servers refuse at once (nothing listens on port 9 here). */
function localAccount(id: string) {
  const a = sampleAccount(id)
  return {
    ...a,
    incoming: { ...a.incoming, host: '127.0.0.1', port: 9 },
    outgoing: { ...a.outgoing, host: '127.0.0.1', port: 9 },
  }
}

function dialogs(answer: RecoveryChoice) {
  const asked: RecoveryQuestion[] = []
  const errors: [string, string][] = []
  return {
    asked,
    errors,
    port: {
      askRecovery: (q: RecoveryQuestion) => (asked.push(q), Promise.resolve(answer)),
      showStartError: (title: string, message: string) => (errors.push([title, message]), Promise.resolve()),
    },
  }
}

const dataDirs = () => {
  const d = mkdtempSync(join(tmpdir(), 'mailroom-start-'))
  dirs.push(d)
  return d
}
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex')
const kept = (dataDir: string) =>
  readdirSync(dataDir).filter((n) => n.startsWith(`${STORE_FILE}.damaged-`) && !/-(wal|shm)$/.test(n))

/** A store with one account and one draft, closed (its WAL checkpointed into the file). */
async function storeWithData(dataDir: string): Promise<{ draftId: string }> {
  const s = createServices(options(dataDir))
  s.accounts.insert(localAccount('acc'))
  const draft = s.compose.createDraft('acc', null)
  s.compose.saveDraft({ ...draft, subject: 'kept draft' })
  await s.close()
  return { draftId: draft.id }
}

async function started(dataDir: string, answer: RecoveryChoice) {
  const d = dialogs(answer)
  const outcome = await startApp(options(dataDir), d.port)
  if (outcome.kind === 'started') open.push(outcome.services)
  return { ...d, outcome }
}

describe('startApp', () => {
  it('starts an intact store without asking anything', async () => {
    const dataDir = dataDirs()
    await storeWithData(dataDir)
    const { outcome, asked, errors } = await started(dataDir, 'quit')
    expect(outcome.kind).toBe('started')
    expect(asked).toEqual([])
    expect(errors).toEqual([])
  })

  it('a truncated store: asks; Quit changes nothing at all', async () => {
    const dataDir = dataDirs()
    await storeWithData(dataDir)
    const file = join(dataDir, STORE_FILE)
    truncateStore(file)
    const before = sha(file)
    const { outcome, asked } = await started(dataDir, 'quit')
    expect(outcome).toEqual({ kind: 'quit' })
    expect(asked).toHaveLength(1)
    expect(asked[0]!.message).toMatch(/found it damaged/)
    // No backup yet: only starting over or quitting is offered.
    expect(asked[0]!.choices.map((c) => c.choice)).toEqual(['start-over', 'quit'])
    expect(sha(file)).toBe(before)
    expect(kept(dataDir)).toEqual([])
  })

  it('a truncated store without a backup: Start over keeps the damaged file and starts with an empty store', async () => {
    const dataDir = dataDirs()
    await storeWithData(dataDir)
    truncateStore(join(dataDir, STORE_FILE))
    const { outcome } = await started(dataDir, 'start-over')
    expect(outcome.kind).toBe('started')
    if (outcome.kind !== 'started') return
    expect(kept(dataDir)).toHaveLength(1)
    expect(checkStoreFile(join(dataDir, STORE_FILE))).toEqual({ state: 'ok' })
    // Half the file is gone, with part of its schema: nothing can be read back without a backup.
    expect(outcome.services.accounts.list()).toEqual([])
    expect(outcome.services.health.state()).toEqual({ storage: null, stopped: [] })
  })

  it('a truncated store with a backup: Restore brings back its accounts, drafts and local folders', async () => {
    const dataDir = dataDirs()
    const s = createServices(options(dataDir))
    s.accounts.insert(localAccount('acc'))
    const draft = s.compose.createDraft('acc', null)
    s.compose.saveDraft({ ...draft, subject: 'in the backup' })
    const local = s.mail.ensureLocalMailboxes('acc')
    s.outbox.setSettings({ undoSeconds: 60 })
    const queued = s.compose.createDraft('acc', null)
    const item = await s.compose.sendDraft({ ...queued, to: 'bob@example.test', subject: 'waiting' })
    await backupStore(s.db, join(dataDir, BACKUP_DIR))
    await s.close()
    truncateStore(join(dataDir, STORE_FILE))
    const { outcome, asked } = await started(dataDir, 'restore')
    expect(asked[0]!.choices[0]!.label).toMatch(/^Restore from the backup of /)
    if (outcome.kind !== 'started') throw new Error(`not started: ${outcome.kind}`)
    expect(outcome.services.accounts.list().map((a) => a.id)).toEqual(['acc'])
    expect(outcome.services.compose.getDraft(draft.id).subject).toBe('in the backup')
    expect(createMailStore(outcome.services.db).mailboxes.get(Number(local.inbox))?.isLocal).toBe(true)
    expect(kept(dataDir)).toHaveLength(1)
    // Queued when the backup was taken, it may have left since: looked for in Sent (the server
    // cannot be reached here), then shown as "may have been sent", never sent again on its own.
    await outcome.services.outbox.start()
    expect(outcome.services.outbox.get(item.id)).toMatchObject({
      state: 'uncertain',
      lastError: { detail: { reason: 'may-have-been-sent' } },
    })
  })

  it('a bit-flipped page, Start over: the accounts, drafts and unsent messages that can be read stay', async () => {
    const dataDir = dataDirs()
    const { draftId } = await storeWithData(dataDir)
    const file = join(dataDir, STORE_FILE)
    flipBit(file, rootPageOf(file, 'mail_messages'))
    const { outcome } = await started(dataDir, 'start-over')
    if (outcome.kind !== 'started') throw new Error(`not started: ${outcome.kind}`)
    expect(outcome.services.accounts.list().map((a) => a.id)).toEqual(['acc'])
    expect(outcome.services.compose.getDraft(draftId).subject).toBe('kept draft')
    expect(checkStoreFile(file)).toEqual({ state: 'ok' })
  })

  it('a bit-flipped page: Restore brings back the backup, adds what the damaged file still holds, and sends nothing twice', async () => {
    const dataDir = dataDirs()
    const s = createServices(options(dataDir))
    s.accounts.insert(localAccount('acc'))
    s.accounts.insert(localAccount('imap'))
    s.outbox.setSettings({ undoSeconds: 60 })
    const before = s.compose.createDraft('acc', null)
    s.compose.saveDraft({ ...before, subject: 'as in the backup' })
    const queued = s.compose.createDraft('acc', null)
    const item = await s.compose.sendDraft({
      ...queued,
      to: 'bob@example.test',
      subject: 'queued before the backup',
    })
    const local = s.mail.ensureLocalMailboxes('acc')
    s.db
      .prepare(
        "INSERT INTO mail_mailboxes (account_id, path, name, role) VALUES ('imap', 'INBOX', 'Inbox', 'inbox')",
      )
      .run()
    mkdirSync(join(dataDir, BACKUP_DIR))
    await backupStore(s.db, join(dataDir, BACKUP_DIR))
    // After the backup: a newer version of the draft and a new one, which the damaged file holds.
    s.compose.saveDraft({ ...before, subject: 'edited after the backup' })
    const after = s.compose.createDraft('acc', null)
    await s.close()
    const file = join(dataDir, STORE_FILE)
    flipBit(file, rootPageOf(file, 'mail_messages'))
    expect(checkStoreFile(file).state).toBe('damaged')

    const { outcome, asked } = await started(dataDir, 'restore')
    expect(asked[0]!.choices.map((c) => c.choice)).toEqual(['restore', 'start-over', 'quit'])
    expect(outcome.kind).toBe('started')
    if (outcome.kind !== 'started') return
    const services = outcome.services
    expect(kept(dataDir)).toHaveLength(1)
    expect(services.accounts.list().map((a) => a.id)).toEqual(['acc', 'imap'])
    const drafts = new Map(services.compose.listDrafts().map((d) => [d.id, d.subject]))
    expect(drafts.get(before.id)).toBe('edited after the backup')
    expect(drafts.has(after.id)).toBe(true)
    // Local folders come back; the servers' folders are downloaded again.
    const paths = createMailStore(services.db)
      .mailboxes.list('acc')
      .map((m) => [m.path, m.isLocal])
    expect(paths).toContainEqual([expect.any(String), true])
    expect(createMailStore(services.db).mailboxes.get(Number(local.inbox))).toBeDefined()
    expect(createMailStore(services.db).mailboxes.list('imap')).toEqual([])
    // A message queued before the backup may have left since: never sent again on its own.
    await services.outbox.start()
    expect(services.outbox.get(item.id)?.state).toBe('queued') // the damaged file still knew it was queued
  })

  it('a store that cannot be opened: a dialog says why, and nothing starts', async () => {
    const dataDir = dataDirs()
    mkdirSync(join(dataDir, STORE_FILE)) // a folder where the file should be
    const { outcome, errors, asked } = await started(dataDir, 'quit')
    expect(outcome).toEqual({ kind: 'failed' })
    expect(asked).toEqual([])
    expect(errors).toEqual([['Mailroom cannot start', expect.stringMatching(/cannot open its local data/)]])
  })
})
