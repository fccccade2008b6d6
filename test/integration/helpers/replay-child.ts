/**
 * The process the action-replay crash tests kill. It opens the app's services on a data folder the
 * test prepared (an IMAP account, synced), queues mail actions, and replays them on the server.
 *
 * - KIND copy | move, IDS, TARGET: copies or moves the messages; when the replay has carried the
 *   command out on the server (before the store and the queue record it) it says "reached
 *   transferred <actionId>" and waits there for the SIGKILL (imap-replay-crash.test.ts).
 * - KIND plan, PLAN (JSON, a list of actions) or none: queues them all, says "queued <n>", and
 *   replays the queue (also what an earlier run left), saying "left <n>" as it shrinks, until it is
 *   killed at a random moment; "flushed" when the queue is empty (fault-injection.test.ts).
 *
 * env: DATA_DIR, ACCOUNT_ID, PASSWORD, KIND, and IDS + TARGET or PLAN; MAILTEST_ROOT.
 */
import { secretKey } from '../../../src/main/core/accounts/account-secrets'
import { createMemorySecretStore } from '../../../src/main/core/secrets/secret-store'
import { createServices, type Services } from '../../../src/main/services'
import { testCa } from '../../servers/mail-env'
import { createMailStore } from '../../../src/main/core/store/mail-store'

/** One step of a plan: a reader action on stored message ids. */
export type PlannedAction =
  | { kind: 'flags'; ids: string[]; seen?: boolean; flagged?: boolean }
  | { kind: 'move' | 'copy'; ids: string[]; target: string }
  | { kind: 'delete' | 'archive'; ids: string[] }

const env = (name: string): string => {
  const v = process.env[name]
  if (v === undefined) throw new Error(`${name} is not set`)
  return v
}

function run(services: Services, a: PlannedAction): Promise<void> {
  const { mail } = services
  switch (a.kind) {
    case 'flags':
      return mail.setFlags(a.ids, { seen: a.seen, flagged: a.flagged })
    case 'move':
      return mail.moveMessages(a.ids, a.target)
    case 'copy':
      return mail.copyMessages(a.ids, a.target)
    case 'delete':
      return mail.deleteMessages(a.ids)
    case 'archive':
      return mail.archiveMessages(a.ids)
  }
}

async function main(): Promise<void> {
  const accountId = env('ACCOUNT_ID')
  const kind = env('KIND')
  const secrets = createMemorySecretStore()
  await secrets.set(secretKey(accountId, 'incoming'), env('PASSWORD'))
  const services = createServices({
    appName: 'Mailroom',
    version: '0.0.0-test',
    dataDir: env('DATA_DIR'),
    platform: process.platform,
    secrets,
    extraCa: [testCa()],
    startMailSync: false,
    ...(kind !== 'plan' && {
      mailEngine: {
        replayProbe: async (point: 'transferred', actionId: number) => {
          process.stdout.write(`reached ${point} ${actionId}\n`)
          await new Promise(() => undefined)
        },
      },
    }),
  })
  if (kind === 'plan') {
    setInterval(() => undefined, 1 << 30)
    const plan = JSON.parse(process.env['PLAN'] ?? '[]') as PlannedAction[]
    // Each action is one transaction with its queue entry; the replay starts after the first.
    for (const a of plan) await run(services, a)
    const { queue } = createMailStore(services.db)
    process.stdout.write(`queued ${queue.count(accountId)}\n`)
    // Progress, so a test can kill the replay part-way through rather than before it connects.
    let left = queue.count(accountId)
    setInterval(() => {
      const now = queue.count(accountId)
      if (now !== left) process.stdout.write(`left ${(left = now)}\n`)
    }, 2)
    await services.mail.flushActions(accountId)
    process.stdout.write('flushed\n')
    return
  }
  const ids = env('IDS').split(',')
  // Queues the action and replays it in the background (the probe stops the replay).
  if (kind === 'move') await services.mail.moveMessages(ids, env('TARGET'))
  else await services.mail.copyMessages(ids, env('TARGET'))
  process.stdout.write('queued\n')
}

main().catch((err: unknown) => {
  process.stderr.write(`child failed: ${String(err)}\n`)
  process.exit(1)
})
