/**
 * The sync benchmark: the engine's full header sync of one big Inbox against a bare imapflow
 * `FETCH 1:* (UID FLAGS ENVELOPE)` loop over the same folder, the time until the 50 newest headers
 * are in the store, an incremental resync after 100 flag changes from another client, the peak
 * memory of the process and the store's size.
 */
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { ImapFlow, type FetchQueryObject } from 'imapflow'
import { secretKey } from '../../src/main/core/accounts/account-secrets'
import { HEADER_QUERY } from '../../src/main/core/imap/header-mapping'
import { createMemorySecretStore } from '../../src/main/core/secrets/secret-store'
import { createServices } from '../../src/main/services'
import type { Account } from '../../src/shared/model/account'
import { sampleAccount } from '../../test/helpers/sample-account'
import { writeMaildir } from '../lib/maildir'
import { prng } from '../lib/message-factory'
import { addUser, type BenchUser } from '../lib/stack'
import type { BenchContext, BenchResult } from '../types'
import { createMailStore } from '../../src/main/core/store/mail-store'
import { countCommandsBeforeFetch, probeIpc, watchLoop } from '../lib/main-probes'

const SEED = 42

function client(ctx: BenchContext, user: BenchUser): ImapFlow {
  const c = new ImapFlow({
    host: ctx.stack.host,
    port: ctx.stack.ports.imaps,
    secure: true,
    tls: { ca: ctxCa(ctx) },
    auth: { user: user.address, pass: user.password },
    logger: false,
    disableAutoIdle: true,
  })
  c.on('error', () => undefined)
  return c
}

function ctxCa(ctx: BenchContext): string {
  return readFileSync(ctx.stack.ca, 'utf8')
}

/** Dovecot re-reads its passwd-file at most once a second: retry the first login briefly. */
async function connect(ctx: BenchContext, user: BenchUser): Promise<ImapFlow> {
  for (let attempt = 0; ; attempt++) {
    const c = client(ctx, user)
    try {
      await c.connect()
      return c
    } catch (err) {
      if (attempt > 30) throw err
      await new Promise((r) => setTimeout(r, 200))
    }
  }
}

/** This process's CPU time (user + system) since `from`, in ms: steadier than wall time on a busy machine. */
function cpuMs(from: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(from)
  return Math.round((d.user + d.system) / 1000)
}

async function fetchAll(c: ImapFlow, query: FetchQueryObject): Promise<number> {
  const lock = await c.getMailboxLock('INBOX')
  let n = 0
  try {
    for await (const _ of c.fetch('1:*', query)) n++
  } finally {
    lock.release()
  }
  return n
}

export default async function sync(ctx: BenchContext): Promise<BenchResult> {
  const user = addUser(ctx.stack, `bench-sync-${ctx.messages}`)
  let t = Date.now()
  const written = writeMaildir(user.maildir, ctx.messages, SEED, (line) => ctx.log(line))
  ctx.log(
    `generated ${written.messages} messages, ${(written.bytes / 1e6).toFixed(0)} MB, in ${Date.now() - t} ms`,
  )

  // Dovecot indexes the folder on first access and caches the fields a client asks for; warm it
  // with the engine's own query so that the baseline and the engine both meet a warm server.
  t = Date.now()
  const warm = await connect(ctx, user)
  await fetchAll(warm, HEADER_QUERY)
  await warm.logout()
  ctx.log(`Dovecot indexed and cached the folder in ${Date.now() - t} ms`)

  // Baseline: a bare imapflow loop, connect included (as for the engine).
  t = Date.now()
  let cpu = process.cpuUsage()
  const bare = await connect(ctx, user)
  const seen = await fetchAll(bare, { uid: true, flags: true, envelope: true })
  const baselineMs = Date.now() - t
  const baselineCpuMs = cpuMs(cpu)
  await bare.logout()
  if (seen !== ctx.messages) throw new Error(`baseline saw ${seen} messages`)

  // The same bare loop with the engine's own query (it also needs INTERNALDATE, RFC822.SIZE,
  // References and Content-Type): tells the engine's own cost apart from the extra fields' parsing.
  t = Date.now()
  cpu = process.cpuUsage()
  const sameQuery = await connect(ctx, user)
  await fetchAll(sameQuery, HEADER_QUERY)
  const sameQueryBaselineMs = Date.now() - t
  const sameQueryCpuMs = cpuMs(cpu)
  await sameQuery.logout()

  // The engine, in real core services with a real SQLite store.
  const dataDir = join(ctx.tmpDir, 'data')
  const secrets = createMemorySecretStore()
  const open = () =>
    createServices({
      appName: 'Mailroom',
      version: 'bench',
      dataDir,
      platform: process.platform,
      secrets,
      extraCa: [ctxCa(ctx)],
      startMailSync: false,
      mailEngine: { prefetchCount: 0, idle: false },
    })
  let services = open()
  const base = sampleAccount('bench', user.address)
  const account: Account = {
    ...base,
    incoming: { ...base.incoming, host: ctx.stack.host, port: ctx.stack.ports.imaps, username: user.address },
  }
  services.accounts.insert(account)
  await secrets.set(secretKey(account.id, 'incoming'), user.password)
  const mail = services.mail
  const store = createMailStore(services.db)
  let first50Ms = NaN
  // While the engine syncs: the event loop, the heap, and the list's first page asked for as the
  // renderer would over IPC (the Inbox appears during the sync; before, the folder list is asked).
  const commands = countCommandsBeforeFetch()
  // The bare loops above left their garbage in the heap: the engine's own memory is its growth.
  const engineStartRssMb = Math.round(process.memoryUsage().rss / 1024 / 1024)
  const loop = watchLoop()
  const ipc = probeIpc(async () => {
    const inbox = mail.findMailboxByRole(account.id, 'inbox')
    if (inbox) await mail.listMessages(inbox.id, { offset: 0, limit: 50 })
    else await mail.listMailboxes(account.id)
  })
  cpu = process.cpuUsage()
  const started = Date.now()
  const off = services.events.on('mailbox:changed', (e) => {
    if (!Number.isNaN(first50Ms)) return
    const mb = store.mailboxes.get(Number(e.mailboxId))
    if (mb?.role === 'inbox' && store.messages.countVisible(mb.id) >= 50) first50Ms = Date.now() - started
  })
  await mail.syncAccount(account.id)
  const engineMs = Date.now() - started
  const engineCpuMs = cpuMs(cpu)
  const { maxEventLoopDelayMs, peakHeapUsedMb, peakRssMb: enginePeakRssMb } = loop.stop()
  const listDuringSync = await ipc.stop()
  const { roundTrips, commands: sentBeforeFetch } = commands.stop()
  ctx.log(`before the first FETCH: ${sentBeforeFetch.join(', ')}`)
  off()
  const inbox = mail.findMailboxByRole(account.id, 'inbox')!
  if (inbox.total !== ctx.messages) throw new Error(`engine stored ${inbox.total} messages`)

  // 100 flag changes by another client, then the engine's incremental resync (what every cycle does).
  const rand = prng(SEED + 7)
  const uids = new Set<number>()
  while (uids.size < 100) uids.add(1 + Math.floor(rand() * ctx.messages))
  const list = [...uids]
  const other = await connect(ctx, user)
  const lock = await other.getMailboxLock('INBOX')
  try {
    await other.messageFlagsAdd(list.slice(0, 50).join(','), ['\\Flagged', '$Bench'], { uid: true })
    await other.messageFlagsRemove(list.slice(50).join(','), ['\\Seen'], { uid: true })
  } finally {
    lock.release()
  }
  await other.logout()
  t = Date.now()
  await mail.syncAccount(account.id)
  const resyncMs = Date.now() - t
  const benchRows = services.db
    .prepare("SELECT COUNT(*) AS n FROM mail_messages WHERE keywords LIKE '%$Bench%'")
    .get() as { n: number }
  if (benchRows.n !== 50) throw new Error(`resync applied ${benchRows.n} of 50 keyword changes`)

  services.db.pragma('wal_checkpoint(TRUNCATE)')
  const storeBytes = statSync(join(dataDir, 'mailroom.sqlite')).size
  const heapUsedMb = Math.round(process.memoryUsage().heapUsed / 1024 / 1024)
  await services.close()
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024)

  // The first screen from the cache: open the existing store, find the Inbox, read its first page.
  t = performance.now()
  services = open()
  const reopened = services.mail.findMailboxByRole(account.id, 'inbox')!
  const firstPage = await services.mail.listMessages(reopened.id, { offset: 0, limit: 50 })
  const firstScreenMs = Math.round((performance.now() - t) * 10) / 10
  if (firstPage.items.length !== 50) throw new Error(`first page had ${firstPage.items.length} rows`)
  await services.close()
  return {
    messages: ctx.messages,
    engineMs,
    baselineMs,
    ratio: Math.round((engineMs / baselineMs) * 100) / 100,
    sameQueryBaselineMs,
    engineOverSameQuery: Math.round((engineMs / sameQueryBaselineMs) * 100) / 100,
    baselineCpuMs,
    engineCpuMs,
    cpuRatio: Math.round((engineCpuMs / baselineCpuMs) * 100) / 100,
    sameQueryCpuMs,
    first50Ms,
    roundTrips,
    resyncMs,
    maxEventLoopDelayMs,
    listP50Ms: listDuringSync.p50Ms,
    listP95Ms: listDuringSync.p95Ms,
    listMaxMs: listDuringSync.maxMs,
    listAsked: listDuringSync.count,
    firstScreenMs,
    heapUsedMb,
    peakHeapUsedMb,
    engineStartRssMb,
    enginePeakRssMb,
    peakRssMb,
    storeBytes,
  }
}
