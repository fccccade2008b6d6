import { execFileSync } from 'node:child_process'
import { appendFileSync, existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { MailStack } from '../../test/servers/mail-env'

const SERVERS = join(import.meta.dirname, '../../test/servers')

/** Starts the benchmark's own private mail stack (its own port base and folder, never the tests'). */
export function startStack(root: string, portBase: number): MailStack {
  const env = { ...process.env, MAILTEST_ROOT: root, MAILTEST_PORT_BASE: String(portBase) }
  execFileSync(join(SERVERS, 'start-servers.sh'), [], { env, stdio: ['ignore', 'ignore', 'inherit'] })
  return JSON.parse(readFileSync(join(root, 'env.json'), 'utf8')) as MailStack
}

export function stopStack(root: string, portBase: number): void {
  if (!existsSync(join(root, 'env.json'))) return
  const env = { ...process.env, MAILTEST_ROOT: root, MAILTEST_PORT_BASE: String(portBase) }
  execFileSync(join(SERVERS, 'stop-servers.sh'), [], { env, stdio: 'ignore' })
}

export interface BenchUser {
  address: string
  password: string
  /** The user's Maildir (Dovecot: home=<root>/mail/<domain>/<local>, mail_location=maildir:~/Maildir). */
  maildir: string
}

/** Adds a user to Dovecot's passwd-file (re-read on change). */
export function addUser(stack: MailStack, local: string): BenchUser {
  const address = `${local}@example.test`
  const password = `bench-${local}`
  appendFileSync(stack.usersFile, `${address}:{PLAIN}${password}::::::\n`)
  return { address, password, maildir: join(stack.root, 'mail', 'example.test', local, 'Maildir') }
}
