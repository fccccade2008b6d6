/**
 * Sending benchmark: 1,000 messages of 10 KB through the app's outbox (MIME built once with
 * MailComposer → durable SQLite queue → pooled submission sessions with the committing write before
 * each end of data → the real Postfix) against a bare pooled nodemailer loop that builds and sends
 * the same messages to the same server in the same run. Target: ratio ≤ 1.2. The composer's draft
 * layer is left out of both (it is per keystroke, not per message sent).
 *
 * The engine's account is a POP3 account with an in-memory local Sent folder, so both sides do the
 * same network work (the IMAP Sent copy is extra work the bare loop does not do). Timing stops when
 * every message has the server's 250.
 *
 * Run on its own: `npx tsx bench/send-bench.ts` (starts the private mail stack unless
 * MAILTEST_ROOT names a running one). `runSendBench()` is what `npm run bench` calls.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { ImapFlow } from 'imapflow'
import nodemailer from 'nodemailer'
import { secretKey } from '../src/main/core/accounts/account-secrets'
import { buildMessage } from '../src/main/core/mime/build-message'
import { createMemorySecretStore } from '../src/main/core/secrets/secret-store'
import { createServices } from '../src/main/services'
import { parseAddress } from '../src/shared/mail/addresses'
import type { Account } from '../src/shared/model/account'
import { createTestUser, mailStack, testCa, type TestUser } from '../test/servers/mail-env'

export interface SendBenchResult {
  messages: number
  engineMs: number
  baselineMs: number
  ratio: number
  /**
   * This process's CPU time for the run (the engine: building, queueing, the store, SMTP; Postfix
   * not included): steadier than wall time on a loaded machine, where every CPU-millisecond of
   * the process costs more wall time.
   */
  engineCpuMs: number
  baselineCpuMs: number
  cpuRatio: number
  /** Rounds per side; each figure is that side's best. */
  rounds: number
}

const WORDS = 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor'.split(' ')

function body(i: number, bytes = 10 * 1024): string {
  let s = `Message ${i}\n`
  for (let w = 0; s.length < bytes; w++) s += WORDS[(w * 7 + i) % WORDS.length] + (w % 12 === 11 ? '\n' : ' ')
  return s.slice(0, bytes)
}

function account(user: TestUser): Account {
  const { host, ports } = mailStack()
  const server = { host, username: user.address, authMethod: 'auto' as const }
  return {
    id: 'bench',
    displayName: 'bench',
    address: user.address,
    incoming: { ...server, protocol: 'pop3', port: ports.pop3s, security: 'tls' },
    outgoing: { ...server, port: ports.submission, security: 'starttls' },
    identities: [{ id: 'bench-main', name: 'Bench', address: user.address }],
    pins: [],
    createdAt: Date.now(),
  }
}

/** Wall time and this process's CPU time (user + system) of one measured run, in ms. */
interface Run {
  ms: number
  cpuMs: number
}

const cpuSince = (from: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(from)
  return (d.user + d.system) / 1000
}

async function baseline(sender: TestUser, to: TestUser, count: number, offset: number): Promise<Run> {
  const { host, ports } = mailStack()
  const transport = nodemailer.createTransport({
    pool: true,
    maxConnections: 5,
    host,
    port: ports.submission,
    secure: false,
    requireTLS: true,
    auth: { user: sender.address, pass: sender.password },
    tls: { ca: testCa() },
  })
  const start = performance.now()
  const cpu = process.cpuUsage()
  await Promise.all(
    Array.from({ length: count }, (_, i) =>
      transport.sendMail({
        from: `Bench <${sender.address}>`,
        to: to.address,
        subject: `baseline ${offset + i}`,
        text: body(offset + i),
      }),
    ),
  )
  const run = { ms: performance.now() - start, cpuMs: cpuSince(cpu) }
  transport.close()
  return run
}

async function engine(sender: TestUser, to: TestUser, count: number, offset: number): Promise<Run> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mailroom-bench-'))
  const secrets = createMemorySecretStore()
  await secrets.set(secretKey('bench', 'outgoing'), sender.password)
  await secrets.set(secretKey('bench', 'incoming'), sender.password)
  const services = createServices({
    appName: 'Mailroom',
    version: 'bench',
    dataDir,
    platform: process.platform,
    secrets,
    extraCa: [testCa()],
    localCopies: { saveSentCopy: () => Promise.resolve() },
    outbox: { maxConnections: 5 },
  })
  try {
    services.accounts.insert(account(sender))
    services.outbox.setSettings({ undoSeconds: 0 })
    const sent = services.db.prepare<[], { n: number }>(
      "SELECT COUNT(*) AS n FROM outbox WHERE state = 'sent'",
    )
    const failed = services.db.prepare<[], { n: number }>(
      "SELECT COUNT(*) AS n FROM outbox WHERE state IN ('failed', 'uncertain')",
    )
    const start = performance.now()
    const cpu = process.cpuUsage()
    const from = parseAddress(`Bench <${sender.address}>`)!
    const rcpt = parseAddress(to.address)!
    for (let i = 0; i < count; i++) {
      const built = await buildMessage({
        from,
        to: [rcpt],
        cc: [],
        bcc: [],
        subject: `engine ${offset + i}`,
        html: null,
        text: body(offset + i),
        inReplyTo: null,
        references: [],
        attachments: [],
      })
      services.outbox.queue({
        accountId: 'bench',
        draftId: `bench-${offset + i}`,
        messageId: built.messageId,
        subject: `engine ${offset + i}`,
        recipients: [to.address],
        envelope: built.envelope,
        raw: built.raw,
        needsSmtpUtf8: built.needsSmtpUtf8,
        eightBit: built.eightBit,
      })
    }
    while (sent.get()!.n < count) {
      if (failed.get()!.n > 0) throw new Error('A benchmark message failed')
      await new Promise((r) => setTimeout(r, 10))
    }
    return { ms: performance.now() - start, cpuMs: cpuSince(cpu) }
  } finally {
    await services.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/**
 * Waits until the recipient's INBOX holds `count` messages: Postfix and Dovecot are still delivering
 * after the last 250, and that work must not land on the next measured run.
 */
async function drained(user: TestUser, count: number): Promise<void> {
  const { host, ports } = mailStack()
  const client = new ImapFlow({
    host,
    port: ports.imaps,
    secure: true,
    tls: { ca: testCa() },
    auth: { user: user.address, pass: user.password },
    logger: false,
  })
  await client.connect()
  try {
    for (let i = 0; i < 1200; i++) {
      const status = await client.status('INBOX', { messages: true })
      if (status && (status.messages ?? 0) >= count) return
      await new Promise((r) => setTimeout(r, 100))
    }
    throw new Error(`Only part of the ${count} benchmark messages arrived`)
  } finally {
    await client.logout()
  }
}

/** Measured rounds per side, interleaved (baseline, engine, baseline, engine): each side keeps its
 * best round, so a burst of other load on the machine (or Postfix's queue manager waking up) during
 * one round does not decide the ratio. */
const ROUNDS = 2

export async function runSendBench(opts: { messages?: number } = {}): Promise<SendBenchResult> {
  const messages = opts.messages ?? 1000
  const sender = createTestUser('bench-sender')
  const to = createTestUser('bench-rcpt')
  // Warm up both paths (JIT, TLS, Postfix processes) before measuring.
  await baseline(sender, to, 20, 0)
  await engine(sender, to, 20, 20)
  let delivered = 40
  await drained(to, delivered)
  const baselineRuns: Run[] = []
  const engineRuns: Run[] = []
  for (let round = 0; round < ROUNDS; round++) {
    baselineRuns.push(await baseline(sender, to, messages, delivered))
    delivered += messages
    await drained(to, delivered)
    engineRuns.push(await engine(sender, to, messages, delivered))
    delivered += messages
    await drained(to, delivered)
  }
  const best = (runs: Run[], key: keyof Run) => Math.min(...runs.map((r) => r[key]))
  const baselineMs = best(baselineRuns, 'ms')
  const engineMs = best(engineRuns, 'ms')
  const baselineCpuMs = best(baselineRuns, 'cpuMs')
  const engineCpuMs = best(engineRuns, 'cpuMs')
  return {
    messages,
    engineMs: Math.round(engineMs),
    baselineMs: Math.round(baselineMs),
    ratio: Math.round((engineMs / baselineMs) * 100) / 100,
    engineCpuMs: Math.round(engineCpuMs),
    baselineCpuMs: Math.round(baselineCpuMs),
    cpuRatio: Math.round((engineCpuMs / baselineCpuMs) * 100) / 100,
    rounds: ROUNDS,
  }
}

async function main(): Promise<void> {
  const { setup } = await import('../test/servers/global-setup')
  const teardown = setup()
  try {
    const n = Number(process.env['BENCH_MESSAGES'] ?? 1000)
    console.log(JSON.stringify({ send: await runSendBench({ messages: n }) }))
  } finally {
    teardown()
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  main().catch((err: unknown) => {
    console.error(err)
    process.exit(1)
  })
}
