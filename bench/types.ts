import type { MailStack } from '../test/servers/mail-env'

/** What `bench/run.ts` gives every section. */
export interface BenchContext {
  /** `--messages N` (default 100,000): the size of the generated mailbox(es). */
  messages: number
  /** The benchmark's own private mail stack (own port base and folder), started by run.ts. */
  stack: MailStack
  /** A scratch folder for this run (removed afterwards). */
  tmpDir: string
  log: (line: string) => void
}

/** A section's numbers: they become `{"<section>": {...}}` in the JSON and rows of the table. */
export type BenchResult = Record<string, number | string>

/**
 * A benchmark section: `bench/sections/<name>.ts` default-exports one of these; run.ts finds it
 * by its file name (`--only <name>` runs just that one).
 */
export type BenchSection = (ctx: BenchContext) => Promise<BenchResult>
