import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { createTestUser, mailStack, type TestUser } from '../servers/mail-env'

const run = promisify(execFile)

/**
 * createTestUser(), then waits until Dovecot's auth process knows the user: it re-reads its
 * passwd-file at most once a second, so a user added right after another login can be
 * "unknown" for up to a second. Tests that log in at once (and expect success) need this.
 */
export async function createReadyUser(prefix = 'user'): Promise<TestUser> {
  const user = createTestUser(prefix)
  for (let i = 0; ; i++) {
    try {
      await run('doveadm', ['-c', mailStack().dovecotConf, 'auth', 'test', user.address, user.password])
      return user
    } catch (err) {
      if (i >= 40) throw err
      await new Promise((r) => setTimeout(r, 100))
    }
  }
}
