/**
 * A process that leaves a store behind as a crash does (its WAL and shared-memory files stay):
 * it opens the app's services on DATA_DIR, adds the account, queues one message (held for an
 * hour by the undo window) and keeps one draft, prints `ready <outboxId> <draftId>`, and waits
 * for the SIGKILL.
 *
 * env: DATA_DIR, ACCOUNT_JSON (an Account), SEND_TO; MAILTEST_ROOT.
 */
import { createMemorySecretStore } from '../../../src/main/core/secrets/secret-store'
import { createServices } from '../../../src/main/services'
import type { Account } from '../../../src/shared/model/account'
import { testCa } from '../../servers/mail-env'

async function main(): Promise<void> {
  const services = createServices({
    appName: 'Mailroom',
    version: '0.0.0-test',
    dataDir: process.env['DATA_DIR']!,
    platform: process.platform,
    secrets: createMemorySecretStore(),
    extraCa: [testCa()],
    startMailSync: false,
  })
  const account = JSON.parse(process.env['ACCOUNT_JSON']!) as Account
  services.accounts.insert(account)
  services.outbox.setSettings({ undoSeconds: 3600 })
  const queued = services.compose.createDraft(account.id, null)
  const item = await services.compose.sendDraft({
    ...queued,
    to: process.env['SEND_TO']!,
    subject: 'queued before the store went read-only',
    html: '<p>waiting</p>',
  })
  const kept = services.compose.createDraft(account.id, null)
  services.compose.saveDraft({ ...kept, subject: 'a draft on a read-only store' })
  process.stdout.write(`ready ${item.id} ${kept.id}\n`)
  await new Promise(() => undefined)
}

main().catch((err: unknown) => {
  process.stderr.write(`child failed: ${String(err)}\n`)
  process.exit(1)
})
