/**
 * In Chromium, against the real core and servers: Shift+F forwards the open message as an
 * attachment, and a draft another client left in Drafts opens with Edit draft, is changed and
 * sent. Checked over IMAP: Bob receives each once, and Alice's Drafts folder ends up empty.
 */
import { randomUUID } from 'node:crypto'
import { simpleParser } from 'mailparser'
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testCa, type TestUser } from '../servers/mail-env'
import {
  fetchByMessageId,
  imapClient,
  knownUser,
  messageIdsIn,
  waitFor,
} from '../integration/helpers/sending'
import { startApp, type AppUnderTest } from './harness'
import { addImapAccount } from './reader-helpers'

function folder(page: Page, name: RegExp): Locator {
  return page.getByRole('tree', { name: 'Alice' }).getByRole('treeitem', { name })
}

async function append(user: TestUser, mailbox: string, lines: string[], flags: string[]): Promise<void> {
  const client = imapClient(user)
  await client.connect()
  try {
    await client.append(mailbox, Buffer.from(lines.join('\r\n')), flags)
  } finally {
    await client.logout()
  }
}

async function sendAndWait(app: AppUnderTest, subject: string, bob: TestUser): Promise<Buffer> {
  await app.page.getByTestId('composer-send').click()
  await app.page.getByTestId('composer').waitFor({ state: 'detached' })
  const item = await waitFor(`"${subject}" to be sent`, () =>
    app.services.outbox.list().find((i) => i.subject === subject && i.state === 'sent'),
  )
  const copies = await waitFor('the message in Bob’s INBOX', async () => {
    const c = await fetchByMessageId(bob, 'INBOX', item.messageId)
    return c.length > 0 ? c : undefined
  })
  expect(copies).toHaveLength(1)
  return copies[0]!
}

describe('forward as attachment and other clients’ drafts in the browser', () => {
  let app: AppUnderTest
  let alice: TestUser
  let bob: TestUser
  beforeAll(async () => {
    app = await startApp({ extraCa: [testCa()] })
    alice = await knownUser('e2e-fwd-alice')
    bob = await knownUser('e2e-fwd-bob')
    app.services.outbox.setSettings({ undoSeconds: 0 })
  })
  afterAll(async () => {
    await app?.services.secrets.delete('account:acc-fwd:incoming')
    await app?.services.secrets.delete('account:acc-fwd:outgoing')
    await app?.close()
  })

  it('forwards with Shift+F, and edits and sends a draft made elsewhere', async () => {
    const { page } = app
    const tag = randomUUID().slice(0, 8)
    const originalId = `<e2e-orig-${tag}@example.test>`
    const head = (subject: string, to: string, id: string) => [
      'From: Someone <someone@example.test>',
      `To: ${to}`,
      `Subject: ${subject}`,
      `Message-ID: ${id}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
    ]
    await append(
      alice,
      'INBOX',
      [...head(`Minutes ${tag}`, alice.address, originalId), 'The minutes.', ''],
      [],
    )
    await append(
      alice,
      'Drafts',
      [
        ...head(`Phone draft ${tag}`, bob.address, `<e2e-draft-${tag}@example.test>`),
        'Started on the phone.',
        '',
      ],
      ['\\Draft'],
    )
    // Added after the mail is there, so its first sync (of every folder) finds both.
    await addImapAccount(app, alice, 'acc-fwd', 'Alice')

    await folder(page, /^Inbox/).click()
    const original = page.getByRole('option', { name: new RegExp(`Minutes ${tag}`) })
    await original.waitFor({ timeout: 60_000 })
    await original.click()
    await page.getByRole('heading', { name: `Minutes ${tag}` }).waitFor()
    expect(await page.getByTestId('edit-draft').count()).toBe(0)
    await page.keyboard.press('Shift+F')
    await page.getByTestId('composer').waitFor()
    expect(await page.getByTestId('composer-subject').inputValue()).toBe(`Fwd: Minutes ${tag}`)
    await page.getByTestId('composer-attachments').getByText(`Minutes ${tag}.eml`).waitFor()
    await page.getByTestId('composer-to').fill(bob.address)
    const forward = await simpleParser(await sendAndWait(app, `Fwd: Minutes ${tag}`, bob))
    const attached = forward.attachments.find((a) => a.contentType === 'message/rfc822')!
    expect((await simpleParser(attached.content)).messageId).toBe(originalId)

    await folder(page, /^Drafts/).click()
    const draft = page.getByRole('option', { name: new RegExp(`Phone draft ${tag}`) })
    await draft.waitFor({ timeout: 60_000 })
    await draft.click()
    await page.getByTestId('edit-draft').click()
    await page.getByTestId('composer').waitFor()
    expect(await page.getByTestId('composer-to').inputValue()).toContain(bob.address)
    expect(await page.getByTestId('composer-text').inputValue()).toContain('Started on the phone.')
    await page.getByTestId('composer-subject').fill(`Phone draft ${tag}, done`)
    const sent = await simpleParser(await sendAndWait(app, `Phone draft ${tag}, done`, bob))
    expect(sent.text).toContain('Started on the phone.')
    await waitFor('Alice’s Drafts to be empty', async () =>
      (await messageIdsIn(alice, 'Drafts')).length === 0 ? true : undefined,
    )
    expect(app.pageErrors.filter((e) => !/Content Security Policy|sandboxed/.test(e))).toEqual([])
  }, 180_000)
})
