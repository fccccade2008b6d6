/**
 * The command table in Chromium against the real core and Dovecot: arrows open the message they
 * move to, Delete opens the next message (the server has the deleted one in Trash), the message
 * context menu opens from the keyboard (Shift+F10) and runs a command on the server, and `?`
 * shows the sheet of every key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { envelopesIn, imapClient, knownUser } from '../integration/helpers/sending'
import { testCa, type TestUser } from '../servers/mail-env'
import { startApp, type AppUnderTest } from './harness'
import { addImapAccount, deliverOverSmtp, waitForInbox } from './reader-helpers'

const SUBJECTS = ['Keys one', 'Keys two', 'Keys three']

async function subjectsIn(user: TestUser, mailbox: string): Promise<string[]> {
  return (await envelopesIn(user, mailbox)).map((e) => e.subject).sort()
}

/** Subjects of the flagged messages in a folder, as the server has them. */
async function flaggedIn(user: TestUser, mailbox: string): Promise<string[]> {
  const client = imapClient(user)
  await client.connect()
  try {
    const lock = await client.getMailboxLock(mailbox)
    try {
      const out: string[] = []
      for await (const m of client.fetch('1:*', { envelope: true, flags: true })) {
        if (m.flags?.has('\\Flagged')) out.push(m.envelope?.subject ?? '')
      }
      return out
    } finally {
      lock.release()
    }
  } finally {
    await client.logout()
  }
}

describe('commands', () => {
  let app: AppUnderTest
  let user: TestUser
  beforeAll(async () => {
    user = await knownUser('commands-e2e')
    for (const subject of SUBJECTS) {
      await deliverOverSmtp(user, { from: 'Ann <ann@example.test>', subject, text: subject })
      await waitForInbox(user, SUBJECTS.indexOf(subject) + 1)
      await new Promise((r) => setTimeout(r, 1100))
    }
    app = await startApp({ extraCa: [testCa()] })
    await addImapAccount(app, user, 'acc-keys', 'Keys')
  })
  afterAll(async () => {
    await app?.services.secrets.delete('account:acc-keys:incoming')
    await app?.services.secrets.delete('account:acc-keys:outgoing')
    await app?.close()
  })

  it('arrows open, Delete opens the next message, Shift+F10 opens the menu, ? the sheet', async () => {
    const { page } = app
    const list = page.getByRole('listbox', { name: 'Messages in Inbox' })
    await list.getByRole('option', { name: /Keys one/ }).waitFor({ timeout: 60_000 })
    await list.focus()
    // Newest first: three, two, one.
    await page.keyboard.press('ArrowDown')
    await page.getByRole('heading', { name: 'Keys three' }).waitFor()
    await page.keyboard.press('ArrowDown')
    await page.getByRole('heading', { name: 'Keys two' }).waitFor()

    await page.keyboard.press('Delete')
    await page.getByRole('heading', { name: 'Keys one' }).waitFor()
    await expect.poll(() => subjectsIn(user, 'Trash'), { timeout: 30_000 }).toEqual(['Keys two'])

    await list.focus()
    await page.keyboard.press('Shift+F10')
    const menu = page.getByRole('menu', { name: 'Message actions' })
    await menu.waitFor()
    // Reply, Reply all, Forward, Forward as attachment, Mark as read, Mark as unread, Flag: the
    // sixth item below the first (a disabled one is passed over by nothing, so the shape holds).
    for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowDown')
    expect(await menu.locator('[role=menuitem]:focus').textContent()).toMatch(/^Flag/)
    await page.keyboard.press('Enter')
    await expect.poll(() => menu.count()).toBe(0)
    await expect.poll(() => flaggedIn(user, 'INBOX'), { timeout: 30_000 }).toEqual(['Keys one'])

    await page.locator('body').press('?')
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
    await sheet.waitFor()
    expect(await sheet.getByText('Forward as attachment').count()).toBe(1)
    await page.keyboard.press('Escape')
    await expect.poll(() => sheet.count()).toBe(0)
    expect(app.pageErrors).toEqual([])
  })
})
