import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import keytar from 'keytar'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { secretKey } from '../../src/main/core/accounts/account-secrets'
import type { MailApi } from '../../src/shared/ipc/contract'
import type { Account } from '../../src/shared/model/account'
import { draftFor } from '../helpers/account-drafts'
import { countFiles, findSecrets } from '../helpers/secret-scan'
import { knownUser, waitFor } from '../integration/helpers/sending'
import { mailStack, testCa, type TestUser } from '../servers/mail-env'
import { startApp, type AppUnderTest } from './harness'
import { callInPage, draftContent } from './page-api'

/**
 * Secrets at rest, after a whole run through the page's own API (every answer crosses the real
 * ipc/register.ts and is recorded by the bridge): a refused login, an IMAP account and a POP3
 * account added with the real keychain, sync, sending both ways, POP3 retrieval, reading, a reply
 * with its Drafts copy. Then no password may appear in any file of the user-data folder (SQLite,
 * WAL, temp files), in anything the process or the mail servers logged, in anything the page
 * received, or in the page's storage. The keychain is where they are.
 */
const KEYCHAIN = `Mailroom-e2e-secrets-${randomBytes(4).toString('hex')}`
const dataDir = mkdtempSync(join(tmpdir(), 'mailroom-e2e-secrets-'))
const wrong = `wrong-${randomBytes(9).toString('hex')}`
const logged: string[] = []
const restore: (() => void)[] = []
let app: AppUnderTest
let imapUser: TestUser
let popUser: TestUser
const logStart = { dovecot: 0, postfix: 0 }
const serverLog = (name: string) => join(mailStack().logDir, name)

/** Everything this process writes to stdout/stderr (the services run in it) is kept for the scan. */
function captureOutput(): void {
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream)
    stream.write = (chunk: unknown, ...rest: unknown[]) => {
      logged.push(String(chunk))
      return (write as (...a: unknown[]) => boolean)(chunk, ...rest)
    }
    restore.push(() => (stream.write = write))
  }
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const original = console[level]
    console[level] = (...args: unknown[]) => {
      logged.push(
        args.map((a) => (a instanceof Error ? `${a.stack} ${JSON.stringify(a)}` : String(a))).join(' '),
      )
      original(...args)
    }
    restore.push(() => (console[level] = original))
  }
}

const call = <M extends keyof MailApi>(method: M, ...args: Parameters<MailApi[M]>) =>
  callInPage(app.page, method, ...args)
const content = draftContent

async function send(from: Account, to: TestUser, subject: string): Promise<void> {
  const draft = await call('createDraft', from.id, null)
  const item = await call('sendDraft', { ...content(draft), to: to.address, subject, html: '<p>hello</p>' })
  await waitFor('sent', async () => {
    const now = (await call('listOutbox')).find((i) => i.id === item.id)
    return now?.state === 'sent' ? now : undefined
  })
}

/** Waits until the mailbox of `role` lists a message with this subject and returns its id. */
async function arrived(account: Account, subject: string): Promise<string> {
  return waitFor(`${subject} in ${account.address}`, async () => {
    if (account.incoming.protocol === 'pop3') await app.services.pop3.checkNow(account.id)
    const inbox = (await call('listMailboxes', account.id)).find((m) => m.role === 'inbox')
    if (!inbox) return undefined
    await call('refreshMailbox', inbox.id)
    const page = await call('listMessages', inbox.id, { offset: 0, limit: 50 })
    return page.items.find((m) => m.subject === subject)?.id
  })
}

beforeAll(async () => {
  captureOutput()
  logStart.dovecot = readFileSync(serverLog('dovecot.log')).length
  logStart.postfix = readFileSync(serverLog('postfix.log')).length
  imapUser = await knownUser('secrets-imap')
  popUser = await knownUser('secrets-pop')
  app = await startApp({ dataDir, keychainService: KEYCHAIN, extraCa: [testCa()], verifyTimeoutMs: 10_000 })
  await call('setOutboxSettings', { undoSeconds: 0 })
})
afterAll(async () => {
  restore.forEach((r) => r())
  await app?.close()
  for (const c of await keytar.findCredentials(KEYCHAIN)) await keytar.deletePassword(KEYCHAIN, c.account)
  rmSync(dataDir, { recursive: true, force: true })
})

describe('secrets at rest after a whole run', () => {
  it('adds, syncs, sends, retrieves, reads and replies with passwords only in the keychain', async () => {
    const { ports } = mailStack()
    const report = await call('testAccount', draftFor(imapUser), { incoming: wrong })
    expect(report.incoming).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } })

    const imap = await call('addAccount', draftFor(imapUser), { incoming: imapUser.password })
    const pop = await call(
      'addAccount',
      draftFor(popUser, { incoming: { protocol: 'pop3', port: ports.pop3s, security: 'tls' } }),
      { incoming: popUser.password },
    )
    expect(await keytar.getPassword(KEYCHAIN, secretKey(imap.id, 'incoming'))).toBe(imapUser.password)
    expect(await keytar.getPassword(KEYCHAIN, secretKey(pop.id, 'outgoing'))).toBe(popUser.password)

    await send(imap, popUser, 'to the POP3 account')
    await send(pop, imapUser, 'to the IMAP account')
    const popMessage = await arrived(pop, 'to the POP3 account')
    const imapMessage = await arrived(imap, 'to the IMAP account')
    for (const id of [popMessage, imapMessage]) {
      expect((await call('getMessage', id)).text).toContain('hello')
      expect(await call('getMessageSource', id)).toContain('hello')
    }
    const reply = await call('createReply', imapMessage, 'reply')
    await call('closeDraft', { ...content(reply), html: `${reply.html}<p>answer</p>` })
    await call('getSubmissionInfo', imap.id)
    await call('updateAccount', imap.id, { ...draftFor(imapUser), displayName: 'Renamed' }, {})
  })

  it('left no password in the data folder, the logs, the page’s answers or the page’s storage', async () => {
    const passwords = [imapUser.password, popUser.password, wrong]
    const answers = app.bridge.answers.join('\n')
    expect(app.bridge.answers.length).toBeGreaterThan(20)
    for (const p of passwords) expect(answers).not.toContain(p)
    // The page's storage and DOM (a page without DOM types here: read through globalThis).
    const storage = await app.page.evaluate(() => {
      type Storage = Record<string, string>
      const g = globalThis as unknown as {
        localStorage: Storage
        sessionStorage: Storage
        document: { cookie: string; documentElement: { outerHTML: string } }
      }
      const { localStorage, sessionStorage, document } = g
      return JSON.stringify([
        { ...localStorage },
        { ...sessionStorage },
        document.cookie,
        document.documentElement.outerHTML,
      ])
    })
    for (const p of passwords) expect(storage).not.toContain(p)

    // While the app runs (WAL and temp files present), and after it closed (checkpointed).
    expect(findSecrets(dataDir, passwords)).toEqual([])
    await app.services.close()
    expect(countFiles(dataDir)).toBeGreaterThan(0)
    expect(findSecrets(dataDir, passwords)).toEqual([])

    // The capture works: what the process logs is in `logged`.
    console.warn('secrets-at-rest: capture check')
    expect(logged.join('\n')).toContain('secrets-at-rest: capture check')
    const logs = [
      logged.join('\n'),
      readFileSync(serverLog('dovecot.log')).subarray(logStart.dovecot).toString('utf8'),
      readFileSync(serverLog('postfix.log')).subarray(logStart.postfix).toString('utf8'),
    ]
    for (const log of logs) for (const p of passwords) expect(log).not.toContain(p)
  })
})
