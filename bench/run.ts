/**
 * `npm run bench [-- --messages N] [-- --json FILE] [-- --only a,b]`: starts a private mail stack
 * (port base $BENCH_PORT_BASE or 29000, its own folder), runs every section in bench/sections/
 * (each file default-exports a BenchSection, named after the file), prints a table and optionally
 * writes {"<section>": {...}} as JSON. Not part of the test command: timings live here only.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { startStack, stopStack } from './lib/stack'
import type { BenchResult, BenchSection } from './types'

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '100000' },
    json: { type: 'string' },
    only: { type: 'string' },
  },
})
const messages = Number(values.messages)
if (!Number.isInteger(messages) || messages < 100)
  throw new Error('--messages must be an integer of at least 100')
const portBase = Number(process.env['BENCH_PORT_BASE'] ?? 29000)
const sectionsDir = join(import.meta.dirname, 'sections')
const only = values.only?.split(',')

async function loadSections(): Promise<[string, BenchSection][]> {
  const names = readdirSync(sectionsDir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => f.replace(/\.ts$/, ''))
    .filter((n) => !only || only.includes(n))
    .sort()
  const out: [string, BenchSection][] = []
  for (const name of names) {
    const mod = (await import(join(sectionsDir, `${name}.ts`))) as { default?: BenchSection }
    if (typeof mod.default !== 'function') throw new Error(`bench/sections/${name}.ts has no default export`)
    out.push([name, mod.default])
  }
  return out
}

function printTable(results: Record<string, BenchResult>): void {
  const rows = Object.entries(results).flatMap(([section, r]) =>
    Object.entries(r).map(([k, v]) => [
      `${section}.${k}`,
      typeof v === 'number' ? v.toLocaleString('en-US') : v,
    ]),
  )
  const width = Math.max(...rows.map(([k]) => k!.length))
  console.log(`\n${'metric'.padEnd(width)}  value`)
  for (const [k, v] of rows) console.log(`${k!.padEnd(width)}  ${v}`)
}

async function main(): Promise<void> {
  const sections = await loadSections()
  const root = mkdtempSync(join(tmpdir(), 'mailroom-bench-'))
  const stop = () => {
    stopStack(root, portBase)
    rmSync(root, { recursive: true, force: true })
  }
  process.once('SIGINT', () => {
    stop()
    process.exit(130)
  })
  const results: Record<string, BenchResult> = {}
  try {
    console.log(`[bench] mail stack on port base ${portBase} in ${root}`)
    const stack = startStack(root, portBase)
    for (const [name, run] of sections) {
      console.log(`[bench] ${name} (${messages} messages)`)
      const tmp = mkdtempSync(join(root, `${name}-`))
      results[name] = await run({ messages, stack, tmpDir: tmp, log: (l) => console.log(`[${name}] ${l}`) })
    }
  } finally {
    stop()
  }
  printTable(results)
  if (values.json) {
    writeFileSync(values.json, `${JSON.stringify(results, null, 2)}\n`)
    console.log(`\n[bench] wrote ${values.json}`)
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
