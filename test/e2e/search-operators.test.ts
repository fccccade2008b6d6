/**
 * Issue 17 in Chromium against the real core and Dovecot: `from:<sender> has:attachment` typed in
 * the search box finds the sender's message with an attachment (not the one without), and it opens
 * in the reading pane.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { knownUser } from '../integration/helpers/sending'
import { testCa, type TestUser } from '../servers/mail-env'
import { startApp, type AppUnderTest } from './harness'
import { addImapAccount, deliverOverSmtp, waitForInbox } from './reader-helpers'

describe('search operators', () => {
  let app: AppUnderTest
  let user: TestUser
  beforeAll(async () => {
    app = await startApp({ extraCa: [testCa()] })
    user = await knownUser('search-ops-e2e')
    const withFile = {
      from: 'Ada Lovelace <ada@engine.example>',
      subject: 'Engine diagrams',
      text: 'The diagrams are attached.',
      attachments: [
        { filename: 'diagram.pdf', content: Buffer.from('%PDF-1.4\n'), contentType: 'application/pdf' },
      ],
    }
    await deliverOverSmtp(user, withFile)
    await deliverOverSmtp(user, {
      from: 'Ada Lovelace <ada@engine.example>',
      subject: 'Tea on Friday',
      text: 'At four?',
    })
    await deliverOverSmtp(user, {
      from: 'Bob Baker <bob@bakery.example>',
      subject: 'Bread order',
      text: 'Two loaves.',
    })
    await waitForInbox(user, 3)
    await addImapAccount(app, user, 'acc-search-ops', 'Operators')
  })
  afterAll(async () => {
    await app?.services.secrets.delete('account:acc-search-ops:incoming')
    await app?.services.secrets.delete('account:acc-search-ops:outgoing')
    await app?.close()
  })

  it('from:<sender> has:attachment finds the one message and opens it', async () => {
    const { page } = app
    await page.getByRole('option', { name: /Engine diagrams/ }).waitFor({ timeout: 60_000 })
    await page.getByRole('option', { name: /Tea on Friday/ }).waitFor()
    await page.locator('body').press('/')
    await page.locator('input[type=search]:focus').waitFor()
    await page.keyboard.type('from:ada has:attachment')
    const results = page.getByRole('listbox', { name: 'Messages matching from:ada has:attachment' })
    await results.getByRole('option', { name: /Engine diagrams/ }).waitFor()
    expect(await results.getByRole('option').count()).toBe(1)
    await results.getByRole('option', { name: /Engine diagrams/ }).click()
    await page.getByRole('heading', { name: 'Engine diagrams' }).waitFor()
    await page.getByText('diagram.pdf').first().waitFor()
    expect(app.pageErrors).toEqual([])
  })
})
