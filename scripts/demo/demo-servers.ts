/**
 * The demo's own mail stack: the same scripts the tests use (test/servers), in the demo's folder
 * and port range, with one mailbox user for the demo.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { appendFileSync, existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { MailStack } from '../../test/servers/mail-env'

const SERVERS = resolve('test/servers')

export interface DemoStack {
  stack: MailStack
  ca: string
  stop(): void
}

export function startDemoServers(root: string, portBase: string): DemoStack {
  const env = { ...process.env, MAILTEST_ROOT: root, MAILTEST_PORT_BASE: portBase }
  const started = spawnSync(join(SERVERS, 'start-servers.sh'), [], {
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  let stopped = false
  const stop = () => {
    if (stopped) return
    stopped = true
    spawnSync(join(SERVERS, 'stop-servers.sh'), [], { env, stdio: ['ignore', 'inherit', 'inherit'] })
  }
  if (started.status !== 0 || !existsSync(join(root, 'env.json'))) {
    stop()
    throw new Error(
      `The demo mail servers did not start (see above). Another demo running? Set MAILROOM_DEMO_PORT_BASE to use other ports.`,
    )
  }
  const stack = JSON.parse(readFileSync(join(root, 'env.json'), 'utf8')) as MailStack
  return { stack, ca: readFileSync(stack.ca, 'utf8'), stop }
}

/** Adds a mailbox user and waits until Dovecot (which re-reads its user file) knows it. */
export function addDemoUser(stack: MailStack, address: string, password: string): void {
  appendFileSync(stack.usersFile, `${address}:{PLAIN}${password}::::::\n`)
  for (let i = 0; ; i++) {
    try {
      execFileSync('doveadm', ['-c', stack.dovecotConf, 'user', address], { stdio: 'ignore' })
      return
    } catch (err) {
      if (i >= 50) throw err
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100)
    }
  }
}
