import { rmSync } from 'node:fs'
import type { LoginSecret } from '../sasl/oauth-sasl'
import { join } from 'node:path'
import { AppError } from '../../../shared/errors'
import type { Account } from '../../../shared/model/account'
import type { EventBus } from '../events'
import { tlsOptionsFor, type TlsTrust } from '../net/tls'
import type { Db } from '../store/database'
import type { LocalMailTarget } from './local-mail-target'
import { Pop3Client, type Pop3ConnectOptions } from './pop3-client'
import { downloadToFile, prepareTempDir } from './pop3-download'
import { pop3OptionsOf, shouldDeleteOnServer } from './pop3-options'
import type { Pop3Identity, Pop3State } from './pop3-state'

export interface Pop3RetrieveDeps {
  db: Db
  state: Pop3State
  target: LocalMailTarget
  trust: TlsTrust
  /** Downloads in progress go to `<tempDir>/<accountId>/`: on the store's disk, never in memory. */
  tempDir: string
  /** Epoch ms; injectable so that "delete after N days" can be tested. */
  clock: () => number
  events?: Pick<EventBus, 'emit'>
  connect?: (opts: Pop3ConnectOptions) => Promise<Pop3Client>
  /** Messages larger than this (by LIST) are left on the server and reported. */
  maxMessageBytes?: number
  timeoutMs?: number
  signal?: AbortSignal
  /** Bytes received of message n so far (progress; awaited, so it can also slow a download). */
  onBytes?: (n: number, received: number) => void | Promise<void>
  /** After message n is committed to the local store. */
  onCommitted?: (n: number, messageId: string) => void | Promise<void>
}

export interface Pop3RetrieveResult {
  identity: Pop3Identity
  downloaded: number
  /** Marked for deletion and confirmed by QUIT (RFC 1939 UPDATE state). */
  deletedOnServer: number
  /** Left on the server: larger than maxMessageBytes. */
  tooLarge: number
  onServer: number
}

const DEFAULT_MAX_MESSAGE_BYTES = 256 * 1024 * 1024

/**
 * One check of a POP3 account. Each server message is downloaded once, whatever happens:
 * a message counts as downloaded only when the store's insert and our record of its UIDL (or
 * content hash) commit in the same SQLite transaction, and a message is deleted from the server
 * only if it has such a record. A run cut anywhere (dropped connection, killed process) leaves
 * at worst a `.part` file, removed at the next run, which downloads that message again; DELE
 * only takes effect at a successful QUIT, so a cut session deletes nothing.
 */
export async function retrievePop3(
  deps: Pop3RetrieveDeps,
  account: Account,
  password: LoginSecret,
): Promise<Pop3RetrieveResult> {
  const { incoming } = account
  const options = pop3OptionsOf(account)
  const boxes = deps.target.ensureLocalMailboxes(account.id)
  const tempDir = join(deps.tempDir, account.id)
  await prepareTempDir(tempDir)
  const client = await (deps.connect ?? ((o) => Pop3Client.connect(o)))({
    host: incoming.host,
    port: incoming.port,
    security: incoming.security,
    tls: tlsOptionsFor(incoming.host, deps.trust, {
      port: incoming.port,
      pins: account.pins,
      accountCa: account.trustedCa,
    }),
    timeoutMs: deps.timeoutMs,
  })
  const abort = (): void => client.destroy()
  deps.signal?.addEventListener('abort', abort)
  if (deps.signal?.aborted) abort()
  const progress = (phase: string, done: number, total?: number): void =>
    deps.events?.emit('sync:progress', { accountId: account.id, mailboxId: boxes.inbox, phase, done, total })
  let downloaded = 0
  try {
    await client.login(incoming.username, password, incoming.authMethod)
    const listing = await client.list()
    const uidl = await client.uidl()
    const identity: Pop3Identity = uidl.supported ? 'uidl' : 'content-hash'
    // Without UIDL every message must be downloaded at each check to learn its hash: say so.
    if (!uidl.supported) progress('pop3:no-uidl', 0)
    const uidlByN = new Map(uidl.supported ? uidl.messages.map((m) => [m.n, m.uidl]) : [])
    const known = deps.state.records(account.id)
    const maxBytes = deps.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES
    const keyByN = new Map<number, string>()
    let tooLarge = 0
    const wanted = listing.filter((m) => {
      const key = uidlByN.get(m.n)
      if (key !== undefined) keyByN.set(m.n, key)
      return key === undefined || !known.has(key)
    })
    progress('pop3:download', 0, wanted.length)
    for (const [i, m] of wanted.entries()) {
      checkAborted(deps.signal)
      if (m.size > maxBytes) {
        tooLarge++
        continue
      }
      const file = await downloadToFile(client, m.n, tempDir, {
        maxBytes,
        onBytes: deps.onBytes && ((received) => deps.onBytes?.(m.n, received)),
      })
      try {
        const key = keyByN.get(m.n) ?? `sha256:${file.sha256}`
        keyByN.set(m.n, key)
        if (!known.has(key)) {
          const receivedAt = deps.clock()
          const messageId = deps.db.transaction(() => {
            const id = deps.target.insertLocalMessage(boxes.inbox, file.file, { receivedAt })
            deps.state.record(account.id, key, id, receivedAt)
            return id
          })()
          known.set(key, { key, messageId, storedAt: receivedAt })
          downloaded++
          await deps.onCommitted?.(m.n, messageId)
        }
      } finally {
        rmSync(file.file, { force: true })
      }
      progress('pop3:download', i + 1, wanted.length)
    }
    // Every key of the listing is known now (too-large messages without UIDL aside), so records of
    // messages that left the server (deleted by us earlier, or by another client) can go.
    if (identity === 'uidl' || tooLarge === 0) deps.state.prune(account.id, new Set(keyByN.values()))
    const now = deps.clock()
    let marked = 0
    for (const [n, key] of keyByN) {
      const rec = known.get(key)
      if (!rec) continue
      const existsLocally = deps.target.messageExists(rec.messageId)
      if (shouldDeleteOnServer({ options, now, storedAt: rec.storedAt, existsLocally })) {
        await client.dele(n)
        marked++
      }
    }
    checkAborted(deps.signal)
    // QUIT makes the deletions real (RFC 1939 UPDATE state): before it, the local copies must be on
    // disk, not only committed to the WAL (synchronous=NORMAL survives a crash, not a power cut).
    if (marked > 0) deps.target.syncToDisk()
    await client.quit()
    deps.state.setStatus(account.id, { identity, lastCheckAt: now, lastError: null })
    return { identity, downloaded, deletedOnServer: marked, tooLarge, onServer: listing.length - marked }
  } catch (err) {
    client.destroy()
    if (deps.signal?.aborted) throw new AppError('CANCELLED', 'POP3 check cancelled', { cause: err })
    throw err
  } finally {
    deps.signal?.removeEventListener('abort', abort)
    if (downloaded > 0) {
      deps.events?.emit('mailbox:changed', { accountId: account.id, mailboxId: boxes.inbox })
      deps.events?.emit('mail:new', { accountId: account.id, mailboxId: boxes.inbox, count: downloaded })
    }
  }
}

function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AppError('CANCELLED', 'POP3 check cancelled')
}
