/**
 * vitest globalSetup of the integration project, after test/servers/global-setup.ts (which sets
 * MAILTEST_ROOT and makes the test CA): starts the second server family, Cyrus + Exim, once for
 * the run and stops it afterwards, also when tests fail. The first start on a machine builds the
 * cached Debian root (about a minute or two); a machine that cannot build it fails here, loudly.
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const HERE = fileURLToPath(new URL('.', import.meta.url))

function run(script: string, root: string): void {
  execFileSync(join(HERE, script), [], {
    env: { ...process.env, MAILTEST_ROOT: root, MAILTEST_OWNER_PID: String(process.pid) },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
}

export function setup(): () => void {
  const root = process.env['MAILTEST_ROOT']
  if (!root) throw new Error('MAILTEST_ROOT is not set: list test/servers/global-setup.ts first')
  // A stack someone already started for this root (env.json exists) is used as it is.
  const owned = !existsSync(join(root, 'cyrus-exim', 'env.json'))
  if (owned) {
    try {
      run('start.sh', root)
    } catch {
      run('stop.sh', root)
      throw new Error('The Cyrus/Exim test servers did not start (the reason is printed above)')
    }
  }
  return () => {
    if (owned) run('stop.sh', root)
  }
}
