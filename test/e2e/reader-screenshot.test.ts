/**
 * The three-pane reader on a realistic mailbox (the demo's generated mail, APPENDed to Dovecot
 * and synced by the app): folders with hierarchy and unread counts, the list, an HTML newsletter
 * with its remote content blocked. Saves out/screenshots/reader.png (docs/screenshot.png with
 * UPDATE_SCREENSHOTS=1).
 */
import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateDemoMailbox, type DemoMessage } from '../../scripts/demo/generate-mail'
import { seedImap } from '../../scripts/demo/seed-imap'
import { createTestUser, mailStack, testCa, type TestUser } from '../servers/mail-env'
import { startApp, type AppUnderTest } from './harness'
import { addImapAccount } from './reader-helpers'

/** The flags Dovecot has for the demo's issue-12 Trailhead newsletter in a folder ('' when absent). */
function serverFlags(user: TestUser, mailbox: string): string {
  const out = execFileSync('doveadm', [
    ...['-c', mailStack().dovecotConf, 'fetch', '-u', user.address, 'flags'],
    ...['mailbox', mailbox, 'subject', 'Trailhead Outdoor', 'subject', 'Issue 12'],
  ]).toString()
  return /flags: ?(.*)/.exec(out)?.[1]?.trim() ?? ''
}

describe('the reader on a realistic mailbox', () => {
  let user: TestUser
  let app: AppUnderTest
  let messages: DemoMessage[]
  beforeAll(async () => {
    user = createTestUser('screenshot')
    messages = await generateDemoMailbox(new Date())
    const { host, ports } = mailStack()
    await seedImap(
      { host, port: ports.imaps, user: user.address, pass: user.password, ca: testCa() },
      messages,
    )
    app = await startApp({ extraCa: [testCa()] })
    await app.page.setViewportSize({ width: 1400, height: 860 })
    await addImapAccount(app, user, 'demo', 'Work')
  })
  afterAll(async () => {
    await app?.close()
  })

  it('shows folders, the list and an HTML message from the server', async () => {
    const { page } = app
    const inbox = messages.filter((m) => m.folder === 'INBOX')
    const unread = inbox.filter((m) => !m.flags.includes('\\Seen')).length
    await expect
      .poll(() => page.getByRole('treeitem', { name: `Inbox, ${unread} unread` }).count(), {
        timeout: 60_000,
      })
      .toBe(1)
    const website = page.getByRole('treeitem', { name: 'Website' })
    expect(await website.getAttribute('aria-level')).toBe('2')
    await expect
      .poll(() => page.getByText(`${inbox.length.toLocaleString('en-US')} messages`).count(), {
        timeout: 60_000,
      })
      .toBe(1)
    expect(await page.title()).toBe(`Mailroom (${unread} unread)`)

    const newsletter = page.getByRole('option', { name: /Trailhead Outdoor · Issue 12/ })
    await newsletter.click()
    await page.getByRole('region', { name: 'Remote content blocked' }).waitFor()
    const frame = page.frameLocator('iframe[title="Message content"]')
    await frame.getByRole('img', { name: 'Trailhead Outdoor' }).waitFor()
    mkdirSync('out/screenshots', { recursive: true })
    await page.screenshot({ path: 'out/screenshots/reader.png' })
    if (process.env['UPDATE_SCREENSHOTS']) copyFileSync('out/screenshots/reader.png', 'docs/screenshot.png')
    expect(app.pageErrors.filter((e) => !/Content Security Policy|sandboxed/.test(e))).toEqual([])
  })

  it('applies keyboard actions on the server: read on open, s flags, Delete moves to Trash', async () => {
    const { page } = app
    await expect.poll(() => serverFlags(user, 'INBOX'), { timeout: 30_000 }).toBe('\\Seen')
    const list = page.getByRole('listbox', { name: 'Messages in Inbox' })
    await list.focus()
    await page.keyboard.press('s')
    await expect.poll(() => serverFlags(user, 'INBOX'), { timeout: 30_000 }).toMatch(/\\Flagged/)
    await page.keyboard.press('u')
    await expect.poll(() => serverFlags(user, 'INBOX'), { timeout: 30_000 }).not.toMatch(/\\Seen/)
    await page.keyboard.press('Delete')
    await expect.poll(() => serverFlags(user, 'Trash'), { timeout: 30_000 }).toMatch(/\\Flagged/)
    expect(serverFlags(user, 'INBOX')).toBe('')
    await expect
      .poll(() => page.getByRole('option', { name: /Trailhead Outdoor · Issue 12/ }).count())
      .toBe(0)
  })
})
