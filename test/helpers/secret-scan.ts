import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Every file under `dir` (the app's user-data folder: database, WAL, logs, anything) searched
 * for each secret as UTF-8, UTF-16LE and base64 bytes. Returns what was found where.
 */
export function findSecrets(dir: string, secrets: readonly string[]): string[] {
  const found: string[] = []
  const needles = secrets.flatMap((s) => [
    { s, bytes: Buffer.from(s, 'utf8') },
    { s, bytes: Buffer.from(s, 'utf16le') },
    { s, bytes: Buffer.from(Buffer.from(s).toString('base64').replace(/=+$/, '')) },
  ])
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name)
      if (statSync(path).isDirectory()) walk(path)
      else {
        const content = readFileSync(path)
        for (const n of needles) if (content.includes(n.bytes)) found.push(`${n.s} in ${path}`)
      }
    }
  }
  walk(dir)
  return found
}

/** How many files the scan looked at (so a test can show it scanned something real). */
export function countFiles(dir: string): number {
  return readdirSync(dir).reduce((n, name) => {
    const path = join(dir, name)
    return n + (statSync(path).isDirectory() ? countFiles(path) : 1)
  }, 0)
}
