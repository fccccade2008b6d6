/**
 * The process the action-replay crash tests kill. It opens the app's services on a data folder the
 * test prepared (an IMAP account, synced), copies or moves the given messages, and when the
 * replay has carried the command out on the server (before the store and the queue record it)
 * it says so on stdout and waits there for the SIGKILL.
 *
 * env: DATA_DIR, ACCOUNT_ID, PASSWORD, KIND (copy | move), IDS (message ids, comma separated),
 * TARGET (mailbox id); MAILTEST_ROOT.
 */
import { secretKey } from '../../../src/main/core/accounts/account-secrets'
import { createMemorySecretStore } from '../../../src/main/core/secrets/secret-store'
import { createServices } from '../../../src/main/services'
import { testCa } from '../../servers/mail-env'

const env = (name: string): string => {
  const v = process.env[name]
  if (v === undefined) throw new Error(`${name} is not set`)
  return v
}

async function main(): Promise<void> {
  const accountId = env('ACCOUNT_ID')
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
    mailEngine: {
      replayProbe: async (point, actionId) => {
        process.stdout.write(`reached ${point} ${actionId}\n`)
        await new Promise(() => undefined)
      },
    },
  })
  const ids = env('IDS').split(',')
  // Queues the action and replays it in the background (the probe stops the replay).
  if (env('KIND') === 'move') await services.mail.moveMessages(ids, env('TARGET'))
  else await services.mail.copyMessages(ids, env('TARGET'))
  process.stdout.write('queued\n')
}

main().catch((err: unknown) => {
  process.stderr.write(`child failed: ${String(err)}\n`)
  process.exit(1)
})
