/**
 * The message parser: parseMessage (what opening a message costs in main, before any IPC) over the
 * bench corpus (the sync section's generated messages: plain text, text+HTML alternatives,
 * attachments and inline images, several languages) and over the hand-written fixtures in
 * test/fixtures (real-world shapes: broken charsets, digests, odd headers). Reports messages per
 * second (by the process's CPU time, steadier than wall time on a shared machine) and per-message
 * wall-time percentiles (process.cpuUsage per message would cost more than a small parse).
 */
import { performance } from 'node:perf_hooks'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { parseMessage } from '../../src/main/core/mime/parse-message'
import { generateMessage, prng } from '../lib/message-factory'
import type { BenchContext, BenchResult } from '../types'

const SEED = 42
const FIXTURE_DIRS = ['test/fixtures/mime', 'test/fixtures/compose']

function corpus(count: number): Buffer[] {
  const rand = prng(SEED)
  const pool = Buffer.alloc(256 * 1024)
  for (let i = 0; i < pool.length; i++) pool[i] = Math.floor(rand() * 256)
  return Array.from({ length: count }, (_, i) => generateMessage(SEED, i + 1, pool).raw)
}

function fixtures(): Buffer[] {
  const root = join(import.meta.dirname, '../..')
  return FIXTURE_DIRS.flatMap((dir) =>
    readdirSync(join(root, dir))
      .filter((f) => f.endsWith('.eml'))
      .sort()
      .map((f) => readFileSync(join(root, dir, f))),
  )
}

const parse = (raw: Buffer) =>
  parseMessage(
    () => Readable.from([raw]),
    raw.length,
    () => raw,
  )

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0

/** Each parse's wall time (ms) and the whole run's CPU time, `rounds` times over the set. */
async function measure(messages: Buffer[], rounds: number) {
  const times: number[] = []
  const start = process.cpuUsage()
  for (let r = 0; r < rounds; r++) {
    for (const raw of messages) {
      const before = performance.now()
      await parse(raw)
      times.push(performance.now() - before)
    }
  }
  const total = process.cpuUsage(start)
  const totalMs = (total.user + total.system) / 1000
  times.sort((a, b) => a - b)
  return {
    perSecond: Math.round((messages.length * rounds) / (totalMs / 1000)),
    p50Ms: Number(percentile(times, 50).toFixed(3)),
    p95Ms: Number(percentile(times, 95).toFixed(3)),
  }
}

export default async function parseSection(ctx: BenchContext): Promise<BenchResult> {
  const count = Math.min(ctx.messages, 3000)
  const messages = corpus(count)
  const bytes = messages.reduce((n, m) => n + m.length, 0)
  const fixtureSet = fixtures()
  // Warm-up: JIT, lazily loaded modules (iconv tables, html-to-text).
  for (const raw of [...messages.slice(0, 200), ...fixtureSet]) await parse(raw)
  const bench = await measure(messages, 1)
  const fixed = await measure(fixtureSet, Math.max(1, Math.round(count / fixtureSet.length)))
  ctx.log(
    `corpus: ${count} messages (${(bytes / 1e6).toFixed(1)} MB), ${bench.perSecond} msg/s, ` +
      `p50 ${bench.p50Ms} ms, p95 ${bench.p95Ms} ms; fixtures (${fixtureSet.length}): ` +
      `${fixed.perSecond} msg/s, p50 ${fixed.p50Ms} ms`,
  )
  return {
    messages: count,
    messagesPerSecond: bench.perSecond,
    p50Ms: bench.p50Ms,
    p95Ms: bench.p95Ms,
    fixtures: fixtureSet.length,
    fixturesPerSecond: fixed.perSecond,
    fixturesP50Ms: fixed.p50Ms,
    fixturesP95Ms: fixed.p95Ms,
  }
}
