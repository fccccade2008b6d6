/**
 * vitest globalSetup: starts the private mail stack (Dovecot, Postfix, gnome-keyring on a private
 * D-Bus) once for the whole run and stops it afterwards, also when tests fail. Projects that list
 * this file share one stack: a process-wide reference count makes the second setup a no-op.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const HERE = fileURLToPath(new URL('.', import.meta.url))

interface StackState {
  refs: number
  root: string
  owned: boolean
  removeRoot: boolean
}
const g = globalThis as typeof globalThis & { __mailroomStack?: StackState }

function run(script: string, env: NodeJS.ProcessEnv): void {
  execFileSync(join(HERE, script), [], { env, stdio: ['ignore', 'inherit', 'inherit'] })
}

export function setup(): () => void {
  if (!g.__mailroomStack) {
    // MAILTEST_ROOT may name a stack someone already started (its env.json exists): reuse it as is.
    // Otherwise start one there (the test command passes an empty folder) or in a new temp folder.
    const given = process.env['MAILTEST_ROOT']
    const running = given !== undefined && existsSync(join(given, 'env.json'))
    const root = given ?? mkdtempSync(join(tmpdir(), 'mailroom-test-'))
    if (!running) run('start-servers.sh', { ...process.env, MAILTEST_ROOT: root })
    g.__mailroomStack = { refs: 0, root, owned: !running, removeRoot: given === undefined }
    const stack = JSON.parse(readFileSync(join(root, 'env.json'), 'utf8')) as { dbusAddress: string }
    // Inherited by the test workers vitest starts after global setup.
    process.env['MAILTEST_ROOT'] = root
    process.env['DBUS_SESSION_BUS_ADDRESS'] = stack.dbusAddress
  }
  const state = g.__mailroomStack
  state.refs++
  return () => {
    if (--state.refs > 0 || !state.owned) return
    try {
      run('stop-servers.sh', { ...process.env, MAILTEST_ROOT: state.root })
    } finally {
      if (state.removeRoot && !process.env['MAILTEST_KEEP'])
        rmSync(state.root, { recursive: true, force: true })
      delete g.__mailroomStack
    }
  }
}
