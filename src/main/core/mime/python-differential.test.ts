import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import {
  ALLOWED_DIFFERENCES,
  canon,
  type Field,
  type Reading,
} from '../../../../test/differential/allow-list'
import { parseMessage } from './parse-message'

/**
 * Every message fixture read by parseMessage and by Python's `email` package (Debian's python3,
 * policy=default; test/differential/read-with-python.py), compared field by field. A difference
 * is either listed in test/differential/allow-list.ts with its reason, or a failure: a change in
 * how we read mail that an independent reader does not share must be looked at, not slip by.
 * Text is compared as lines (CRLF and LF alike) without trailing white space.
 */
const ROOT = join(import.meta.dirname, '../../../..')
const DIRS = ['test/fixtures/mime', 'test/fixtures/compose']
const FIELDS: Field[] = ['subject', 'from', 'to', 'cc', 'date', 'messageId', 'text', 'attachments']

const files = DIRS.flatMap((dir) =>
  readdirSync(join(ROOT, dir))
    .filter((f) => f.endsWith('.eml'))
    .sort()
    .map((f) => `${dir}/${f}`),
)

const lines = (text: string | null) =>
  text === null
    ? null
    : text
        .replace(/\r\n?/g, '\n')
        .replace(/[ \t]+$/gm, '')
        .trimEnd()

async function readWithProject(file: string): Promise<Reading> {
  const raw = readFileSync(join(ROOT, file))
  const m = await parseMessage(
    () => Readable.from([raw]),
    raw.length,
    () => raw,
  )
  return {
    subject: m.subject,
    from: m.from,
    to: m.to,
    cc: m.cc,
    date: m.date,
    messageId: m.messageId,
    text: lines(m.text),
    hasHtml: m.html !== null,
    attachments: m.attachments.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      size: a.size,
    })),
    problem: m.problem,
  }
}

function readWithPython(): Record<string, Reading & { textError?: string | null; error?: string }> {
  const out = execFileSync('python3', [join(ROOT, 'test/differential/read-with-python.py'), ...files], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
  const parsed = JSON.parse(out) as Record<string, Reading & { textError?: string | null }>
  for (const r of Object.values(parsed)) r.text = lines(r.text)
  return parsed
}

describe('parseMessage against Python’s email package', () => {
  const python = readWithPython()
  const used = new Set<string>()

  it.each(files)('%s reads as Python reads it, or the difference is allowed', async (file) => {
    const ours = await readWithProject(file)
    const theirs = python[relative(ROOT, join(ROOT, file))]
    expect(theirs, `Python read ${file}`).toBeDefined()
    expect(theirs!.error, `Python failed on ${file}`).toBeUndefined()
    const unexplained: string[] = []
    for (const field of FIELDS) {
      const a = ours[field]
      const b = theirs![field]
      if (canon(a) === canon(b)) continue
      const rule = ALLOWED_DIFFERENCES.find(
        (r) => r.fields.includes(field) && r.applies({ file, field, ours, python: theirs!, a, b }),
      )
      if (rule) used.add(rule.id)
      else unexplained.push(`${field}:\n  ours   ${JSON.stringify(a)}\n  Python ${JSON.stringify(b)}`)
    }
    expect(unexplained, `${file}: differences nobody explained`).toEqual([])
  })

  it('uses every allowed difference (a stale entry hides nothing and should go)', () => {
    expect(ALLOWED_DIFFERENCES.map((r) => r.id).filter((id) => !used.has(id))).toEqual([])
  })
})
