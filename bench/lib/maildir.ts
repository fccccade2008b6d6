import { execFileSync } from 'node:child_process'
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { generateMessage, prng } from './message-factory'

export interface MaildirResult {
  messages: number
  bytes: number
}

/**
 * Writes a Maildir folder directly (one file per message, in cur/ with its flags), plus the
 * dovecot-uidlist that fixes UID n to message n, then hands the tree to Dovecot's mail user.
 * Dovecot builds its index on first access, as it does for any Maildir it finds. Why not APPEND:
 * 100,000 APPENDs are one round trip each (minutes), and Dovecot would assign the INTERNALDATEs;
 * writing files takes seconds and is exactly repeatable (same bytes, same UIDs, same dates).
 */
export function writeMaildir(
  dir: string,
  count: number,
  seed: number,
  log: (line: string) => void,
): MaildirResult {
  for (const sub of ['cur', 'new', 'tmp']) mkdirSync(join(dir, sub), { recursive: true })
  const rand = prng(seed)
  const pool = Buffer.alloc(256 * 1024)
  for (let i = 0; i < pool.length; i++) pool[i] = Math.floor(rand() * 256)
  const uidlist: string[] = []
  let bytes = 0
  for (let n = 1; n <= count; n++) {
    const m = generateMessage(seed, n, pool)
    // Maildir name (maildir++): unique base, S= physical size and W= RFC822 size (equal: CRLF
    // files), then the info part with the flags in ASCII order.
    const base = `${Math.floor(m.date / 1000)}.M${n}P${seed}.bench,S=${m.raw.length},W=${m.raw.length}`
    const flags = `${m.flagged ? 'F' : ''}${m.seen ? 'S' : ''}`
    const file = join(dir, 'cur', `${base}:2,${flags}`)
    writeFileSync(file, m.raw)
    // Maildir's received date (INTERNALDATE) is the file's mtime.
    utimesSync(file, m.date / 1000, m.date / 1000)
    uidlist.push(`${n} :${base}`)
    bytes += m.raw.length
    if (n % 20_000 === 0) log(`  wrote ${n} messages`)
  }
  const guid = Buffer.from(
    prng(seed + 1)()
      .toString(16)
      .padEnd(16, '0'),
  )
    .toString('hex')
    .slice(0, 32)
  writeFileSync(
    join(dir, 'dovecot-uidlist'),
    `3 V${1_600_000_000 + seed} N${count + 1} G${guid}\n${uidlist.join('\n')}\n`,
  )
  execFileSync('chown', ['-R', 'nobody:nogroup', join(dir, '..')])
  return { messages: count, bytes }
}
