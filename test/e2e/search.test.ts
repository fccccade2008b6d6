/**
 * Search in Chromium against the real core and Dovecot: mail synced from the server is found as
 * the person types in the search box, from the keyboard alone, and opens in the reading pane.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { knownUser } from '../integration/helpers/sending'
import { testCa, type TestUser } from '../servers/mail-env'
import { startApp, type AppUnderTest } from './harness'
import { addImapAccount, deliverOverSmtp, waitForInbox } from './reader-helpers'

describe('search', () => {
  let app: AppUnderTest
  let user: TestUser
  beforeAll(async () => {
    app = await startApp({ extraCa: [testCa()] })
    user = await knownUser('search-e2e')
    await deliverOverSmtp(user, {
      from: '"Zoë Ånström" <zoe@shop.example>',
      subject: 'Quarterly invoice',
      text: 'Total due.',
    })
    await deliverOverSmtp(user, {
      from: 'Bob Baker <bob@bakery.example>',
      subject: 'Lunch plans',
      text: 'Noon?',
    })
    await waitForInbox(user, 2)
    await addImapAccount(app, user, 'acc-search', 'Searcher')
  })
  afterAll(async () => {
    await app?.services.secrets.delete('account:acc-search:incoming')
    await app?.services.secrets.delete('account:acc-search:outgoing')
    await app?.close()
  })

  it('finds synced mail as the person types and opens a result with the keyboard', async () => {
    const { page } = app
    await page.getByRole('option', { name: /Lunch plans/ }).waitFor({ timeout: 60_000 })
    await page.getByRole('option', { name: /Quarterly invoice/ }).waitFor()

    await page.locator('body').press('/')
    const field = page.getByRole('searchbox', { name: 'Search mail' })
    await page.locator('input[type=search]:focus').waitFor()
    await page.keyboard.type('zoe ansTR')
    const results = page.getByRole('listbox', { name: 'Messages matching zoe ansTR' })
    await results.getByRole('option', { name: /Quarterly invoice.*in Inbox/ }).waitFor()
    expect(await results.getByRole('option').count()).toBe(1)

    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: 'Quarterly invoice' }).waitFor()

    // Hostile-looking input is just words: no error, an empty state.
    await field.fill('"NEAR( bob*')
    await page.getByText('No messages match “"NEAR( bob*”.').waitFor()
    await field.fill('bob@bak')
    await page
      .getByRole('listbox', { name: 'Messages matching bob@bak' })
      .getByRole('option', { name: /Lunch plans/ })
      .waitFor()

    // Escape clears the search: the folder's list is back.
    await field.press('Escape')
    expect(await field.inputValue()).toBe('')
    await page.getByRole('listbox', { name: /Messages in Inbox/ }).waitFor()
    expect(app.pageErrors).toEqual([])
  })
})
