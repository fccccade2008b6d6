/**
 * Child-process entry for the parser robustness test (src/main/core/mime/parse-robustness.test.ts):
 * runs one case through the message parser directly and through the mail store (a POP3 account's
 * local Inbox: insert from a file, list, open, view the source), then prints one line
 * `PARSE-REPORT <json>`. The parent runs it with a heap cap and a deadline, so a crash, an
 * out-of-memory or a hang shows as a failed case instead of taking the test runner down.
 *
 *   node --max-old-space-size=N --import tsx test/helpers/parse-child.ts <heavy case | property> [runs]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import fc from 'fast-check'
import { createEventBus } from '../../src/main/core/events'
import { createMailService } from '../../src/main/core/mail/mail-service'
import { DEFAULT_PARSE_LIMITS, parseMessage } from '../../src/main/core/mime/parse-message'
import { SYSTEM_TRUST } from '../../src/main/core/net/tls'
import { openDatabase } from '../../src/main/core/store/database'
import type { Account } from '../../src/shared/model/account'
import { HEAVY_CASES, mutatedMessage, seedMessages, type HeavyCase } from './hostile-messages'

const account: Account = {
  id: 'fuzz',
  displayName: 'Fuzz',
  address: 'fuzz@example.test',
  incoming: { protocol: 'pop3', host: 'h', port: 995, security: 'tls', username: 'f', authMethod: 'auto' },
  outgoing: { host: 'h', port: 465, security: 'tls', username: 'f', authMethod: 'auto' },
  identities: [{ id: 'i', name: 'Fuzz', address: 'fuzz@example.test' }],
  pins: [],
  createdAt: 1,
}

const dir = mkdtempSync(join(tmpdir(), 'mailroom-parse-'))
const db = openDatabase(join(dir, 'store.sqlite'))
const mail = createMailService({
  db,
  events: createEventBus(),
  accountSource: { get: () => account, password: () => Promise.reject(new Error('no server')) },
  listAccounts: () => [account],
  trust: SYSTEM_TRUST,
  dataDir: dir,
})
const inbox = mail.ensureLocalMailboxes(account.id).inbox
let stored = 0

function report(value: unknown): void {
  process.stdout.write(`PARSE-REPORT ${JSON.stringify(value)}\n`)
}

const lengths = (m: { text: string | null; html: string | null; attachments: unknown[] }) => ({
  textLength: m.text?.length ?? 0,
  htmlLength: m.html?.length ?? 0,
  attachments: m.attachments.length,
})

/** One message through the parser and the store. Throws when the store loses or refuses it. */
async function throughEverything(bytes: Buffer) {
  const direct = await parseMessage(
    () => Readable.from([bytes]),
    bytes.length,
    () => bytes.subarray(0, DEFAULT_PARSE_LIMITS.maxSourceBytes),
  )
  const file = join(dir, `m-${stored}.eml`)
  writeFileSync(file, bytes)
  const id = mail.insertLocalMessage(inbox, file, { receivedAt: 1_700_000_000_000 })
  rmSync(file)
  stored++
  const page = await mail.listMessages(inbox, { offset: 0, limit: 1_000_000 })
  const row = page.items.find((m) => m.id === id)
  if (page.total !== stored || !row) throw new Error(`message ${stored} is not listed (total ${page.total})`)
  const view = await mail.getMessage(id)
  const source = await mail.getMessageSource(id)
  return {
    size: bytes.length,
    listed: true,
    subjectLength: row.subject.length,
    direct: { problem: direct.problem, ...lengths(direct) },
    view: { problem: view.parseProblem, ...lengths(view) },
    sourceLength: source.length,
  }
}

async function heavy(name: HeavyCase): Promise<void> {
  const result = await throughEverything(HEAVY_CASES[name]())
  report({ case: name, ...result, rssMB: Math.round(process.memoryUsage().rss / 1024 / 1024) })
}

async function property(numRuns: number, seed?: number): Promise<void> {
  const seeds = seedMessages()
  let largest = 0
  const outcome = await fc.check(
    fc.asyncProperty(mutatedMessage(seeds), async (bytes) => {
      const r = await throughEverything(bytes)
      largest = Math.max(largest, bytes.length)
      // Bounded: what is shown never grows past a few times the input (charset decoding aside).
      const shown = Math.max(r.direct.textLength + r.direct.htmlLength, r.view.textLength + r.view.htmlLength)
      if (shown > 4 * bytes.length + 4096)
        throw new Error(`${shown} characters shown for ${bytes.length} bytes`)
    }),
    seed === undefined ? { numRuns } : { numRuns, seed },
  )
  report({
    case: 'property',
    runs: outcome.numRuns,
    failed: outcome.failed,
    stored,
    largest,
    ...(outcome.failed
      ? {
          error: String(outcome.errorInstance),
          seed: outcome.seed,
          path: outcome.counterexamplePath,
          counterexample: outcome.counterexample?.[0]?.toString('base64').slice(0, 4096),
        }
      : {}),
  })
}

async function main(): Promise<void> {
  const name = process.argv[2] ?? ''
  try {
    if (name === 'property')
      await property(Number(process.argv[3] ?? 200), process.argv[4] ? Number(process.argv[4]) : undefined)
    else if (name in HEAVY_CASES) await heavy(name as HeavyCase)
    else throw new Error(`unknown case ${name}`)
  } finally {
    await mail.close()
    db.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    report({ case: process.argv[2], error: String(err instanceof Error ? err.stack : err) })
    process.exit(1)
  },
)
