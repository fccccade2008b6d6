import { execFile } from 'node:child_process'
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { MAX_SOURCE_VIEW_BYTES } from '../mail/message-reader'
import { DEFAULT_PARSE_LIMITS, parseMessage } from './parse-message'

/**
 * Hostile and broken messages through the parser and the mail store: random bytes, truncation,
 * huge headers, 10,000 nested multiparts, 50 MB lines, and a fast-check property that mutates
 * well-formed messages. Each case runs in a child process (test/helpers/parse-child.ts) with a
 * capped heap and a deadline: running out of memory, crashing or hanging fails the case. What is
 * asserted is behaviour: every message is listed, opens, and what is shown stays bounded.
 */
const HEAP_MB = 512
/** Not a performance budget: only a guard that turns a hang into a failure instead of a stuck run. */
const DEADLINE_MS = 240_000
const MiB = 1024 * 1024
/** The seed the fast-check property runs with by default. */
const FUZZ_SEED = 20261125

interface Shown {
  problem: string | null
  textLength: number
  htmlLength: number
  attachments: number
}
interface Report {
  case: string
  error?: string
  size: number
  listed: boolean
  subjectLength: number
  direct: Shown
  view: Shown
  sourceLength: number
  rssMB: number
  runs?: number
  failed?: boolean
  stored?: number
  seed?: number
  counterexample?: string
}

function runCase(name: string, ...args: string[]): Promise<Report> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [`--max-old-space-size=${HEAP_MB}`, '--import', 'tsx', 'test/helpers/parse-child.ts', name, ...args],
      { timeout: DEADLINE_MS, maxBuffer: 16 * MiB },
      (err, stdout, stderr) => {
        const line = stdout.split('\n').find((l) => l.startsWith('PARSE-REPORT '))
        if (!line) {
          const how = err?.killed ? `killed after ${DEADLINE_MS} ms (hang)` : `exit ${err?.code ?? 0}`
          return reject(new Error(`case ${name}: no report (${how})\n${stderr.slice(-4000)}`))
        }
        const report = JSON.parse(line.slice('PARSE-REPORT '.length)) as Report
        if (err) return reject(new Error(`case ${name} failed: ${report.error ?? err.message}`))
        resolve(report)
      },
    )
  })
}

/** What every message must satisfy, whatever its shape. */
function expectListedAndBounded(r: Report): void {
  expect(r.listed).toBe(true)
  for (const shown of [r.direct, r.view]) {
    expect(shown.textLength + shown.htmlLength).toBeLessThanOrEqual(4 * r.size + 4096)
  }
  // The list row's fields come from at most the first MiB of header (the store's limit).
  expect(r.subjectLength).toBeLessThanOrEqual(MiB)
  expect(r.sourceLength).toBeLessThanOrEqual(MAX_SOURCE_VIEW_BYTES + 200)
  // A ceiling far above what these cases need; the heap itself is capped by --max-old-space-size.
  expect(r.rssMB).toBeLessThan(1024)
}

describe('hostile messages through the parser and the store', () => {
  it(
    '10,000 nested multiparts: listed, opened, the raw text shown instead',
    async () => {
      const r = await runCase('nested-multipart-10000')
      expectListedAndBounded(r)
      expect(r.view.problem).not.toBeNull()
      expect(r.view.textLength).toBeGreaterThan(0)
    },
    DEADLINE_MS,
  )

  it.each(['line-50mb-body', 'line-50mb-header'])(
    '%s: listed, not parsed, its start shown within the fallback limit',
    async (name) => {
      const r = await runCase(name)
      expectListedAndBounded(r)
      expect(r.size).toBeGreaterThan(50 * MiB)
      expect(r.view.problem).toMatch(/too large/)
      expect(r.view.textLength).toBeLessThanOrEqual(DEFAULT_PARSE_LIMITS.maxFallbackChars)
    },
    DEADLINE_MS,
  )

  it(
    'a 20 MB line within the size limit: parsed, and every character of it shown',
    async () => {
      const r = await runCase('line-20mb-body-parsed')
      expectListedAndBounded(r)
      expect(r.view).toMatchObject({ problem: null, textLength: 20 * MiB })
    },
    DEADLINE_MS,
  )

  it(
    '50,000 header fields and 20,000 recipients: listed, opened',
    async () => {
      const r = await runCase('huge-headers')
      expectListedAndBounded(r)
      expect(r.view.textLength + r.view.htmlLength).toBeGreaterThan(0)
    },
    DEADLINE_MS,
  )

  it(
    '4 MB of random bytes: listed, opened',
    async () => {
      const r = await runCase('random-bytes-4mb')
      expectListedAndBounded(r)
    },
    DEADLINE_MS,
  )

  it(
    'mutated messages (fast-check): each one listed, opened, its source viewable',
    async () => {
      const runs = 500
      // A fixed seed keeps the test command repeatable; FUZZ_SEED=<n> (or "random") explores further.
      const given = process.env['FUZZ_SEED']
      const seed = given === 'random' ? [] : [given ?? String(FUZZ_SEED)]
      const r = await runCase('property', String(runs), ...seed)
      expect(r.failed, `seed ${r.seed}: ${r.error}\ncounterexample (base64): ${r.counterexample}`).toBe(false)
      expect(r.runs).toBe(runs)
      expect(r.stored).toBe(runs)
    },
    DEADLINE_MS,
  )
})

describe('cases the fuzz test found', () => {
  it('a part with an empty Content-Type header (mailparser: contentType false) is still read', async () => {
    const source = Buffer.from(
      [
        'From: a@example.test',
        'Subject: empty type',
        'Content-Type: multipart/alternative; boundary="alt"',
        '',
        '--alt',
        'Content-Type:',
        '',
        ' text/plain',
        '',
        'hello',
        '--alt--',
        '',
      ].join('\r\n'),
    )
    const m = await parseMessage(
      () => Readable.from([source]),
      source.length,
      () => source,
    )
    expect(m.subject).toBe('empty type')
    expect(m.attachments.map((a) => a.contentType)).toEqual(['application/octet-stream'])
  })
})
