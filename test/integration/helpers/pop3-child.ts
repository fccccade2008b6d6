/**
 * A separate process that runs one POP3 retrieval and stops itself at a chosen point, printing a
 * marker, so that the test can kill it there with SIGKILL (as a crash or a forced quit would).
 * Input in POP3_CHILD (JSON): { dir, account, password, stopAt: 'mid-retr' | 'after-commit' }.
 */
import type { Account } from '../../../src/shared/model/account'
import { retrievePop3 } from '../../../src/main/core/pop3/pop3-retrieve'
import { pop3Fixture } from './pop3-fixture'

interface ChildInput {
  dir: string
  account: Account
  password: string
  stopAt: 'mid-retr' | 'after-commit'
}

const input = JSON.parse(process.env['POP3_CHILD'] ?? '{}') as ChildInput
const f = pop3Fixture(input.account, input.dir)
const halt = (marker: string): Promise<never> => {
  process.stdout.write(`${marker}\n`)
  // Wait here (the connection stays open, mid-reply) until the test kills the process.
  return new Promise<never>(() => undefined)
}
if (input.stopAt === 'mid-retr') {
  f.deps.onBytes = (n, received) => (n === 2 && received > 1024 * 1024 ? halt('MID-RETR') : undefined)
} else {
  f.deps.onCommitted = (n) => (n === 1 ? halt('COMMITTED') : undefined)
}
retrievePop3(f.deps, f.account, input.password).then(
  () => process.stdout.write('FINISHED\n'),
  (err: unknown) => process.stdout.write(`FAILED ${String(err)}\n`),
)
