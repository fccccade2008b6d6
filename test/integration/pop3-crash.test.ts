import { spawn } from 'node:child_process'
import { readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { Pop3Client } from '../../src/main/core/pop3/pop3-client'
import { retrievePop3 } from '../../src/main/core/pop3/pop3-retrieve'
import type { TestUser } from '../servers/mail-env'
import { pop3Account, pop3Fixture, type Pop3Fixture } from './helpers/pop3-fixture'
import { deliverRaw, largeMessage, newUser, pop3Options, sampleMessage } from './helpers/pop3-mail'

/** The app killed (SIGKILL) in the middle of a POP3 check: the next check loses and doubles nothing. */

const CHILD = fileURLToPath(new URL('./helpers/pop3-child.ts', import.meta.url))
const open: Pop3Fixture[] = []
afterEach(() =>
  open.splice(0).forEach((f) => {
    f.close()
    rmSync(f.dir, { recursive: true, force: true })
  }),
)

/** Runs the child until it prints `marker`, then kills it with SIGKILL. */
function runAndKill(input: object, marker: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      env: { ...process.env, POP3_CHILD: JSON.stringify(input) },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let out = ''
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString()
      if (out.includes(marker)) child.kill('SIGKILL')
      else if (/FINISHED|FAILED/.test(out)) reject(new Error(`child ended before ${marker}: ${out}`))
    })
    child.on('error', reject)
    child.on('exit', (_code, signal) =>
      signal === 'SIGKILL' ? resolve() : reject(new Error(`child exited without being killed: ${out}`)),
    )
  })
}

async function serverCount(user: TestUser): Promise<number> {
  const client = await Pop3Client.connect(pop3Options('tls'))
  await client.login(user.address, user.password)
  const { count } = await client.stat()
  await client.quit()
  return count
}

describe('POP3 retrieval killed with SIGKILL', () => {
  it('mid-RETR: the partial download is dropped and the message comes again, once', async () => {
    const user = newUser('k-mid')
    const messages = [sampleMessage('first'), largeMessage('big', 8 * 1024 * 1024)]
    messages.forEach((m) => deliverRaw(user, m))
    const account = pop3Account(`acct-${user.address.split('@')[0]}`, user, 'tls', { leaveOnServer: false })
    const setup = pop3Fixture(account)
    setup.close()

    await runAndKill({ dir: setup.dir, account, password: user.password, stopAt: 'mid-retr' }, 'MID-RETR')

    const f = pop3Fixture(account, setup.dir)
    open.push(f)
    // The killed process had committed the first message and was writing the second.
    expect(f.target.ids(f.inbox)).toHaveLength(1)
    expect(readdirSync(join(f.deps.tempDir, account.id)).filter((n) => n.endsWith('.part'))).toHaveLength(1)
    expect(await serverCount(user)).toBe(2)

    expect(await retrievePop3(f.deps, account, user.password)).toMatchObject({
      downloaded: 1,
      deletedOnServer: 2,
    })
    expect(f.target.sources(f.inbox).map(String)).toEqual(messages.map(String))
    expect(readdirSync(join(f.deps.tempDir, account.id))).toEqual([])
    expect(await serverCount(user)).toBe(0)
  })

  it('after a commit, before QUIT: the stored message is not fetched again, and is then deleted', async () => {
    const user = newUser('k-commit')
    const messages = [sampleMessage('one'), sampleMessage('two')]
    messages.forEach((m) => deliverRaw(user, m))
    const account = pop3Account(`acct-${user.address.split('@')[0]}`, user, 'starttls', {
      leaveOnServer: false,
    })
    const setup = pop3Fixture(account)
    setup.close()

    await runAndKill(
      { dir: setup.dir, account, password: user.password, stopAt: 'after-commit' },
      'COMMITTED',
    )

    const f = pop3Fixture(account, setup.dir)
    open.push(f)
    expect(f.target.ids(f.inbox)).toHaveLength(1)
    expect(await serverCount(user)).toBe(2)
    expect(await retrievePop3(f.deps, account, user.password)).toMatchObject({
      downloaded: 1,
      deletedOnServer: 2,
    })
    expect(f.target.sources(f.inbox).map(String)).toEqual(messages)
    expect(await serverCount(user)).toBe(0)
  })
})
