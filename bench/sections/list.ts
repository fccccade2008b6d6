/**
 * The message list on a big folder: `--messages` generated headers (the sync section's corpus,
 * threads included) stored in one Inbox, then the list's page of 50 sorted by date as the
 * renderer asks for it (`store.messages.page` with the thread sizes, plus the folder's count):
 * the first page from a store just opened (cold: what the first screen waits for), the first page
 * again (warm), and pages deep in the folder (scrolling). Wall time, percentiles over repeats.
 */
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { headerRowFields } from '../../src/main/core/mime/header-row'
import { headerBlock } from '../../src/main/core/mime/header-values'
import { openDatabase } from '../../src/main/core/store/database'
import { createMailStore, type MailStore } from '../../src/main/core/store/mail-store'
import { generateMessage, prng } from '../lib/message-factory'
import type { BenchContext, BenchResult } from '../types'

const SEED = 42
const PAGE = 50
const REPEATS = 50

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0
const round = (n: number) => Math.round(n * 100) / 100

function firstPage(store: MailStore, mailboxId: number): number {
  const t = performance.now()
  store.messages.countVisible(mailboxId)
  const rows = store.messages.page(mailboxId, 0, PAGE)
  if (rows.length !== PAGE) throw new Error(`the first page had ${rows.length} rows`)
  return performance.now() - t
}

export default function list(ctx: BenchContext): Promise<BenchResult> {
  const file = join(ctx.tmpDir, 'list.db')
  let db = openDatabase(file)
  let store = createMailStore(db)
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
  const pool = Buffer.alloc(64 * 1024)
  for (let i = 0; i < pool.length; i++) pool[i] = Math.floor(rand() * 256)
  for (let start = 1; start <= ctx.messages; start += 1000) {
    const rows = Array.from({ length: Math.min(1000, ctx.messages - start + 1) }, (_, i) => {
      const m = generateMessage(SEED, start + i, pool)
      const fields = headerRowFields(headerBlock(m.raw), { receivedAt: m.date, size: m.raw.length })
      const flags = { seen: m.seen, flagged: m.flagged, answered: false, draft: false }
      return { ...fields, uid: start + i, flags, keywords: [] }
    })
    store.messages.insertMany(inbox, 'bench', rows)
  }
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()

  db = openDatabase(file)
  store = createMailStore(db)
  const coldFirstPageMs = firstPage(store, inbox)
  const warm = Array.from({ length: REPEATS }, () => firstPage(store, inbox)).sort((a, b) => a - b)
  const deep: number[] = []
  for (let i = 0; i < REPEATS; i++) {
    const offset = Math.floor(((i + 0.5) / REPEATS) * (ctx.messages - PAGE))
    const t = performance.now()
    store.messages.page(inbox, offset, PAGE)
    deep.push(performance.now() - t)
  }
  deep.sort((a, b) => a - b)
  db.close()
  return Promise.resolve({
    messages: ctx.messages,
    coldFirstPageMs: round(coldFirstPageMs),
    firstPageP50Ms: round(pct(warm, 0.5)),
    firstPageP95Ms: round(pct(warm, 0.95)),
    deepPageP50Ms: round(pct(deep, 0.5)),
    deepPageP95Ms: round(pct(deep, 0.95)),
  })
}
