/**
 * The hostile HTML corpus (test/fixtures/hostile/, see its README) delivered to a fresh test user
 * through Postfix into Dovecot, and the app started on that account in Chromium, with a local
 * server standing for the senders' servers that counts every request it gets.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Frame } from 'playwright-core'
import type { Account } from '../../src/shared/model/account'
import { createTestUser, testCa } from '../servers/mail-env'
import { startApp, type AppUnderTest } from './harness'
import { startHitCounter, type HitCounter } from './hit-counter'
import { addImapAccount, deliverOverSmtp, waitForInbox } from './reader-helpers'

const DIR = 'test/fixtures/hostile'

export const SAMPLES = readdirSync(DIR)
  .filter((f) => f.endsWith('.html'))
  .map((f) => f.replace(/\.html$/, ''))
  .sort()

export const subjectOf = (name: string): string => `hostile: ${name}`

/** The text of each sample's `id="marker"` element: tells which message the frame shows. */
const MARKERS = new Map(
  SAMPLES.map((name) => {
    const text = /id="marker"[^>]*>([^<]+)</.exec(readFileSync(join(DIR, `${name}.html`), 'utf8'))?.[1]
    if (!text) throw new Error(`${name}.html has no id="marker" element with text`)
    return [name, text] as const
  }),
)

/** What the browser says when it refuses something: expected, not a failure. */
export const REFUSALS =
  /Content Security Policy|Blocked script execution in 'about:srcdoc' because the document's frame is sandboxed|Not allowed to load local resource|net::ERR_/

/** What every script in the corpus would set (and what the page's bridge must still be). */
export type Marked = typeof globalThis & { pwned?: unknown; mail?: { getMessage?: unknown } }

export interface CorpusApp {
  app: AppUnderTest
  hc: HitCounter
  account: Account
  close(): Promise<void>
}

export function fillSample(html: string, hc: HitCounter): string {
  return html
    .replaceAll('{{HTTPS}}', hc.https)
    .replaceAll('{{HTTP}}', hc.http)
    .replaceAll('{{HTTP_HOSTPORT}}', hc.http.replace(/^http:\/\//, ''))
}

export async function startCorpusApp(prefix: string): Promise<CorpusApp> {
  const hc = await startHitCounter()
  const app = await startApp({ extraCa: [testCa()], browserArgs: [hc.chromiumSwitch] })
  const user = createTestUser(prefix)
  for (const name of SAMPLES) {
    await deliverOverSmtp(user, {
      from: 'Mallory <mallory@example.test>',
      subject: subjectOf(name),
      html: fillSample(readFileSync(join(DIR, `${name}.html`), 'utf8'), hc),
      text: `The ${name} sample.`,
    })
  }
  // On the server before the app's first sync, so no test depends on IDLE timing.
  await waitForInbox(user, SAMPLES.length)
  const account = await addImapAccount(app, user)
  return {
    app,
    hc,
    account,
    close: async () => {
      await app.close()
      await hc.close()
    },
  }
}

/** The visible text of a sample's marker element. */
export const markerOf = (name: string): string => MARKERS.get(name) ?? ''

/** How many remote references each sample holds (its header says: "Remote references: N"). */
const REMOTE = new Map(
  SAMPLES.map((name) => {
    const count = /Remote references: (\d+)/.exec(readFileSync(join(DIR, `${name}.html`), 'utf8'))?.[1]
    if (count === undefined) throw new Error(`${name}.html does not say how many remote references it holds`)
    return [name, Number(count)] as const
  }),
)
export const remoteReferencesOf = (name: string): number => REMOTE.get(name) ?? NaN

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Opens a sample in the reader; resolves with its message frame once loaded and marked read. */
export async function openSample(app: AppUnderTest, name: string): Promise<Frame> {
  const { page } = app
  await page.getByRole('option', { name: new RegExp(`: ${escapeRegExp(subjectOf(name))},`) }).click()
  await page.getByRole('heading', { name: subjectOf(name), exact: true }).waitFor()
  const handle = await page.getByTitle('Message content').elementHandle()
  const frame = (await handle?.contentFrame()) ?? null
  if (!frame) throw new Error('no message frame')
  await frame.waitForFunction((text) => {
    type Doc = { readyState: string; getElementById(id: string): { textContent: string | null } | null }
    const doc = (globalThis as unknown as { document: Doc }).document
    return doc.readyState === 'complete' && doc.getElementById('marker')?.textContent === text
  }, MARKERS.get(name))
  // Opening marks the message read: wait for that, so it is not taken for a change the sample made.
  await page.locator('.message-row.open:not(.unread)').waitFor()
  return frame
}
