/**
 * The axe-core check (WCAG 2.2 AA) on every main screen, in both themes: the first-run wizard,
 * the three panes, a message, the composer, search, the outbox, accounts and settings. No
 * serious or critical violation may remain.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateDemoMailbox } from '../../scripts/demo/generate-mail'
import { seedImap } from '../../scripts/demo/seed-imap'
import { createTestUser, mailStack, testCa, type TestUser } from '../servers/mail-env'
import { seriousViolations } from './axe'
import { startApp, type AppUnderTest } from './harness'
import { addImapAccount } from './reader-helpers'

describe('accessibility of the main screens (axe-core)', () => {
  let app: AppUnderTest
  let user: TestUser
  beforeAll(async () => {
    user = createTestUser('a11y')
    const messages = await generateDemoMailbox(new Date())
    const { host, ports } = mailStack()
    await seedImap(
      { host, port: ports.imaps, user: user.address, pass: user.password, ca: testCa() },
      messages,
    )
    app = await startApp({ extraCa: [testCa()] })
  })
  afterAll(async () => {
    await app?.close()
  })

  const check = async (screen: string) => {
    for (const colorScheme of ['light', 'dark'] as const) {
      await app.page.emulateMedia({ colorScheme })
      const problems = await seriousViolations(app.page)
      expect({ screen, colorScheme, problems }).toEqual({ screen, colorScheme, problems: [] })
    }
    await app.page.emulateMedia({ colorScheme: 'light' })
  }

  it('the first-run wizard', async () => {
    await app.page.getByRole('heading', { name: 'Welcome' }).waitFor()
    await check('wizard')
  })

  it('the three panes and a message', async () => {
    const { page } = app
    await page.setViewportSize({ width: 1400, height: 860 })
    await addImapAccount(app, user, 'demo', 'Work')
    const newsletter = page.getByRole('option', { name: /Trailhead Outdoor · Issue 12/ })
    await newsletter.waitFor({ timeout: 60_000 })
    await check('three panes')
    await newsletter.click()
    await page
      .frameLocator('iframe[title="Message content"]')
      .getByRole('img', { name: 'Trailhead Outdoor' })
      .waitFor()
    await check('message')
    // F6 moves between the panes: list → message → folders → list; Shift+F6 back.
    const focusedPane = () =>
      page.evaluate<string>(
        "['.folder-column', '.list-column', '.reader-column'].find((s) => document.querySelector(s)?.contains(document.activeElement)) ?? ''",
      )
    await page.locator('.list-column [role="listbox"]').focus()
    await page.keyboard.press('F6')
    expect(await focusedPane()).toBe('.reader-column')
    await page.keyboard.press('F6')
    expect(await focusedPane()).toBe('.folder-column')
    await page.keyboard.press('Shift+F6')
    expect(await focusedPane()).toBe('.reader-column')
    // A conversation (the Greek thread has two messages).
    await page.getByRole('option', { name: /Καλημέρα από την Αθήνα/ }).click()
    await page.locator('.conversation').waitFor()
    await check('conversation')
  })

  it('search', async () => {
    const { page } = app
    await page
      .getByRole('searchbox')
      .or(page.getByRole('combobox', { name: /search/i }))
      .first()
      .fill('Forge')
    await page.getByRole('region', { name: 'Search results' }).waitFor()
    await check('search')
    await page.keyboard.press('Escape')
  })

  it('the composer', async () => {
    const { page } = app
    await page.getByTestId('new-message').click()
    await page.getByRole('dialog').waitFor()
    await check('composer')
    await page.keyboard.press('Escape')
    await page.getByRole('dialog').waitFor({ state: 'detached' })
  })

  it('the outbox', async () => {
    const { page } = app
    await page.getByRole('button', { name: /^Outbox/ }).click()
    await page.getByRole('complementary', { name: 'Outbox and drafts' }).waitFor()
    await check('outbox')
    await page.getByRole('button', { name: /^Outbox/ }).click()
  })

  it('accounts and settings', async () => {
    const { page } = app
    await page.getByRole('button', { name: 'Accounts' }).click()
    await page.getByRole('heading', { name: 'Accounts' }).waitFor()
    await check('accounts')
    await page.getByRole('button', { name: 'Settings' }).click()
    await page.getByRole('heading', { name: 'Settings' }).waitFor()
    await check('settings')
  })
})
