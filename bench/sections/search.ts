/**
 * Local search (issue 17): a store of `--messages` generated messages (the sync section's corpus:
 * plain text, text+HTML, attachments, several languages) with every body stored, indexed by the
 * search service's own passes (headers, then bodies through parseMessage), then 20 representative
 * queries for the first page of 50 newest results. Reports the indexing rate, the index's size,
 * and query latency percentiles (each query run 5 times; wall time, as a person waits for it).
 * `bodiesMBps` is the body pass's rate over the raw bytes it read (parse + index), not a download.
 */
import { performance } from 'node:perf_hooks'
import { join } from 'node:path'
import { createEventBus } from '../../src/main/core/events'
import { createMailStore } from '../../src/main/core/store/mail-store'
import { headerRowFields } from '../../src/main/core/mime/header-row'
import { headerBlock } from '../../src/main/core/mime/header-values'
import { createSearchService } from '../../src/main/core/search/search-service'
import { openDatabase } from '../../src/main/core/store/database'
import { generateMessage, prng } from '../lib/message-factory'
import type { BenchContext, BenchResult } from '../types'

const SEED = 42

const QUERIES = [
  'budget',
  'the',
  'from:alice',
  'from:müller',
  'subject:invoice',
  '"quarterly results"',
  'invoice -report',
  'is:unread',
  'is:flagged',
  'has:attachment',
  'has:attachment from:bob',
  'larger:50K',
  'before:2020/06/01',
  'newer_than:1y',
  'release OR backup',
  'filename:document',
  'body:schedule is:unread',
  'in:inbox meeting',
  'zzzznotthere',
  'grüße',
]

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d

export default async function search(ctx: BenchContext): Promise<BenchResult> {
  const db = openDatabase(join(ctx.tmpDir, 'search.db'))
  const store = createMailStore(db)
  const service = createSearchService({ db, events: createEventBus(), quietMs: 3_600_000 })
  const inbox = store.mailboxes.insert('bench', {
    path: 'INBOX',
    name: 'INBOX',
    parentPath: null,
    delimiter: '/',
    role: 'inbox',
    selectable: true,
    statusTotal: null,
    statusUnread: null,
  })
  const rand = prng(SEED)
  const pool = Buffer.alloc(256 * 1024)
  for (let i = 0; i < pool.length; i++) pool[i] = Math.floor(rand() * 256)
  let rawBytes = 0
  for (let start = 1; start <= ctx.messages; start += 1000) {
    const batch = Array.from({ length: Math.min(1000, ctx.messages - start + 1) }, (_, i) =>
      generateMessage(SEED, start + i, pool),
    )
    db.transaction(() => {
      batch.forEach((m, i) => {
        const uid = start + i
        const fields = headerRowFields(headerBlock(m.raw), { receivedAt: m.date, size: m.raw.length })
        const flags = { seen: m.seen, flagged: m.flagged, answered: false, draft: false }
        store.messages.insertMany(inbox, 'bench', [{ ...fields, uid, flags, keywords: [] }])
        const id = db
          .prepare('SELECT id FROM mail_messages WHERE mailbox_id = ? AND uid = ?')
          .pluck()
          .get(inbox, uid)
        store.sources.writeBytes(id as number, m.raw)
        rawBytes += m.raw.length
      })
    })()
  }
  ctx.log(`stored ${ctx.messages} messages (${round(rawBytes / 1e6, 1)} MB)`)

  const t0 = performance.now()
  const cpu0 = process.cpuUsage()
  await service.indexBodiesNow()
  const indexMs = performance.now() - t0
  // CPU time of this process too: on a shared machine wall time mostly measures the neighbours.
  const cpu = process.cpuUsage(cpu0)
  const indexCpuMs = (cpu.user + cpu.system) / 1000
  const stats = service.stats()
  ctx.log(`indexed ${stats.bodies} bodies in ${round(indexMs / 1000, 1)} s, index ${stats.indexBytes} bytes`)

  const times: number[] = []
  const perQuery = new Map<string, number[]>()
  for (let round = 0; round < 5; round++) {
    for (const q of QUERIES) {
      const t = performance.now()
      service.search(q, { limit: 50 })
      const ms = performance.now() - t
      times.push(ms)
      perQuery.set(q, [...(perQuery.get(q) ?? []), ms])
    }
  }
  times.sort((a, b) => a - b)
  const medians = [...perQuery].map(
    ([q, t]) =>
      [
        q,
        pct(
          [...t].sort((a, b) => a - b),
          0.5,
        ),
      ] as const,
  )
  const slowest = medians.sort((a, b) => b[1] - a[1]).slice(0, 5)
  ctx.log(`slowest queries (median ms): ${slowest.map(([q, ms]) => `${q} ${round(ms)}`).join(', ')}`)
  service.close()
  db.close()
  return {
    messages: ctx.messages,
    indexMsgsPerSec: Math.round((stats.bodies / indexMs) * 1000),
    indexCpuMsgsPerSec: Math.round((stats.bodies / indexCpuMs) * 1000),
    indexBytes: stats.indexBytes,
    indexBytesPer100k: Math.round((stats.indexBytes / ctx.messages) * 100_000),
    bodiesMBps: round(rawBytes / 1e6 / (indexMs / 1000)),
    bodiesCpuMBps: round(rawBytes / 1e6 / (indexCpuMs / 1000)),
    p50Ms: round(pct(times, 0.5)),
    p95Ms: round(pct(times, 0.95)),
    maxMs: round(times[times.length - 1] ?? 0),
  }
}
