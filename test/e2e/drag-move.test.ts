/**
 * Drag and drop in Chromium against the real core and Dovecot: three messages selected with
 * Shift-click are dragged onto a folder of the tree, and the server ends with them in that folder
 * and the rest in the Inbox (issue 15 item 3).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { envelopesIn, imapClient, knownUser } from '../integration/helpers/sending'
import { testCa, type TestUser } from '../servers/mail-env'
import { startApp, type AppUnderTest } from './harness'
import { addImapAccount, deliverOverSmtp, waitForInbox } from './reader-helpers'

const SUBJECTS = ['Drag one', 'Drag two', 'Drag three', 'Drag four']

async function subjectsIn(user: TestUser, mailbox: string): Promise<string[]> {
  return (await envelopesIn(user, mailbox)).map((e) => e.subject).sort()
}

async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const value = await probe()
    if (value !== undefined) return value
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`timed out waiting for ${what}`)
}

describe('drag and drop', () => {
  let app: AppUnderTest
  let user: TestUser
  beforeAll(async () => {
    user = await knownUser('drag-e2e')
    // Delivered one after another, so the list's order (newest first) is the reverse of this.
    for (const subject of SUBJECTS) {
      await deliverOverSmtp(user, { from: 'Ann <ann@example.test>', subject, text: subject })
      await waitForInbox(user, SUBJECTS.indexOf(subject) + 1)
      await new Promise((r) => setTimeout(r, 1100))
    }
    const client = imapClient(user)
    await client.connect()
    await client.mailboxCreate('Projects')
    await client.logout()
    app = await startApp({ extraCa: [testCa()] })
    await addImapAccount(app, user, 'acc-drag', 'Drag')
  })
  afterAll(async () => {
    await app?.services.secrets.delete('account:acc-drag:incoming')
    await app?.services.secrets.delete('account:acc-drag:outgoing')
    await app?.close()
  })

  it('moves three messages selected with Shift and dragged onto a folder, on the server', async () => {
    const { page } = app
    const list = page.getByRole('listbox', { name: 'Messages in Inbox' })
    await list.getByRole('option', { name: /Drag one/ }).waitFor({ timeout: 60_000 })
    const projects = page.getByRole('treeitem', { name: 'Projects' })
    await projects.waitFor()

    await list.getByRole('option', { name: /Drag four/ }).click()
    await page.getByRole('heading', { name: 'Drag four' }).waitFor()
    await list.getByRole('option', { name: /Drag two/ }).click({ modifiers: ['Shift'] })
    await page.getByRole('heading', { name: '3 messages selected' }).waitFor()

    // Chromium's own HTML drag and drop, from a selected row onto the folder.
    await list.getByRole('option', { name: /Drag three/ }).dragTo(projects)

    await list.getByRole('option', { name: /Drag two/ }).waitFor({ state: 'detached' })
    expect(await list.getByRole('option').count()).toBe(1)
    expect(await projects.getAttribute('class')).not.toContain('drop-target')
    const moved = await until('the move on the server', async () => {
      const inProjects = await subjectsIn(user, 'Projects')
      return inProjects.length === 3 ? inProjects : undefined
    })
    expect(moved).toEqual(['Drag four', 'Drag three', 'Drag two'])
    expect(await subjectsIn(user, 'INBOX')).toEqual(['Drag one'])
    expect(app.pageErrors).toEqual([])
  })
})
