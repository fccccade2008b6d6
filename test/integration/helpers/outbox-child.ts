/**
 * The sending process the crash tests kill. It opens the app's services on a data folder the test
 * prepared, sends again the drafts an earlier run left (those with recipients: their send was cut
 * short), and queues COUNT new messages (each its own draft; none to only resume the outbox).
 * With CRASH_AT it says when the outbox reaches that point and waits there for the SIGKILL;
 * without, it sends freely until it is killed at a random moment (fault-injection.test.ts).
 *
 * stdout: "started" once the outbox runs, "draft <draftId>" when a draft exists, "queued <outboxId>
 * <messageId> <draftId>" once it is queued, "reached <point> <outboxId>" at CRASH_AT.
 *
 * env: DATA_DIR, ACCOUNT_ID, PASSWORD, SEND_TO, SUBJECT; CRASH_AT (a ProbePoint), COUNT (default 1;
 * with more, the subjects are numbered); MAILTEST_ROOT.
 */
import { secretKey } from '../../../src/main/core/accounts/account-secrets'
import type { ProbePoint } from '../../../src/main/core/outbox/outbox-types'
import { createMemorySecretStore } from '../../../src/main/core/secrets/secret-store'
import { createServices } from '../../../src/main/services'
import { testCa } from '../../servers/mail-env'
import { draftContent } from '../../../src/shared/model/compose'

const env = (name: string): string => {
  const v = process.env[name]
  if (v === undefined) throw new Error(`${name} is not set`)
  return v
}

async function main(): Promise<void> {
  const crashAt = process.env['CRASH_AT'] as ProbePoint | undefined
  const count = Number(process.env['COUNT'] ?? '1')
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
      retryDelaysMs: [300, 600, 1000],
      ...(crashAt && {
        probe: {
          at: async (point: ProbePoint, id: string) => {
            if (point !== crashAt) return
            process.stdout.write(`reached ${point} ${id}\n`)
            await new Promise(() => undefined)
          },
        },
      }),
    },
  })
  // Alive until killed, also when there is nothing (left) to send.
  setInterval(() => undefined, 1 << 30)
  await services.outbox.start()
  process.stdout.write('started\n')
  services.outbox.setSettings({ undoSeconds: 0 })
  // Drafts an earlier run was killed while sending (their claim given back at start) are sent
  // again, as the person would after the crash; then the new ones, all at once, as a burst.
  const again = services.compose.listDrafts().filter((d) => d.to !== '')
  const fresh = Array.from({ length: count }, (_, i) => {
    const draft = services.compose.createDraft(accountId, null)
    process.stdout.write(`draft ${draft.id}\n`)
    const subject = count === 1 ? env('SUBJECT') : `${env('SUBJECT')} #${i + 1}`
    return { ...draft, to: env('SEND_TO'), subject, html: `<p>${subject}</p>` }
  })
  await Promise.all(
    [...again, ...fresh].map(async (draft) => {
      const content = draftContent(draft)
      const item = await services.compose.sendDraft(content)
      process.stdout.write(`queued ${item.id} ${item.messageId} ${content.id}\n`)
    }),
  )
}

main().catch((err: unknown) => {
  process.stderr.write(`child failed: ${String(err)}\n`)
  process.exit(1)
})
