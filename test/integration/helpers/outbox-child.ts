/**
 * The sending process the crash tests kill. It opens the app's services on a data folder the test
 * prepared, optionally queues one message, and when the outbox reaches CRASH_AT it says so on
 * stdout and waits there for the SIGKILL.
 *
 * env: DATA_DIR, ACCOUNT_ID, PASSWORD, CRASH_AT (a ProbePoint), SEND_TO, SUBJECT; MAILTEST_ROOT.
 */
import { secretKey } from '../../../src/main/core/accounts/account-secrets'
import type { ProbePoint } from '../../../src/main/core/outbox/outbox-engine'
import { createMemorySecretStore } from '../../../src/main/core/secrets/secret-store'
import { createServices } from '../../../src/main/services'
import { testCa } from '../../servers/mail-env'

const env = (name: string): string => {
  const v = process.env[name]
  if (v === undefined) throw new Error(`${name} is not set`)
  return v
}

async function main(): Promise<void> {
  const crashAt = env('CRASH_AT') as ProbePoint
  const accountId = env('ACCOUNT_ID')
  const secrets = createMemorySecretStore()
  await secrets.set(secretKey(accountId, 'incoming'), env('PASSWORD'))
  await secrets.set(secretKey(accountId, 'outgoing'), env('PASSWORD'))
  const services = createServices({
    appName: 'Mailroom',
    version: '0.0.0-test',
    dataDir: env('DATA_DIR'),
    platform: process.platform,
    secrets,
    extraCa: [testCa()],
    outbox: {
      probe: {
        at: async (point, id) => {
          if (point !== crashAt) return
          process.stdout.write(`reached ${point} ${id}\n`)
          await new Promise(() => undefined)
        },
      },
    },
  })
  await services.outbox.start()
  services.outbox.setSettings({ undoSeconds: 0 })
  const draft = services.compose.createDraft(accountId, null)
  const item = await services.compose.sendDraft({
    ...draft,
    to: env('SEND_TO'),
    subject: env('SUBJECT'),
    html: `<p>${env('SUBJECT')}</p>`,
  })
  process.stdout.write(`queued ${item.id} ${item.messageId}\n`)
}

main().catch((err: unknown) => {
  process.stderr.write(`child failed: ${String(err)}\n`)
  process.exit(1)
})
