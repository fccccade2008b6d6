/**
 * Where typing goes when a composer opens, in Chromium against the real core: a new message
 * starts in To (typing "sara" must not flag or answer the message behind it, issue 16), and
 * Escape saves the draft and closes the composer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testCa, type TestUser } from '../servers/mail-env'
import { addAccount, knownUser, stackAccount } from '../integration/helpers/sending'
import { startApp, type AppUnderTest } from './harness'

describe('the composer takes the keyboard', () => {
  let app: AppUnderTest
  let user: TestUser
  beforeAll(async () => {
    app = await startApp({ services: { extraCa: [testCa()] } })
    user = await knownUser('e2e-focus')
    await addAccount(app.services, stackAccount('focus-acc', user), user.password)
    app.services.events.emit('accounts:changed', { accountId: 'focus-acc' })
  })
  afterAll(async () => {
    await app?.services.secrets.delete('account:focus-acc:incoming')
    await app?.services.secrets.delete('account:focus-acc:outgoing')
    await app?.close()
  })

  it('a new message starts in To, letters never reach the reader, Escape saves and closes', async () => {
    const { page } = app
    await page.getByTestId('new-message').click()
    await page.getByTestId('composer').waitFor()
    const to = page.getByTestId('composer-to')
    // The field has the focus without a click.
    await page.locator('[data-testid="composer-to"]:focus').waitFor()
    await page.keyboard.type('sara@example.test')
    expect(await to.inputValue()).toBe('sara@example.test')
    // No reply-all composer replaced this one: still the new message, with what was typed.
    expect(app.services.compose.listDrafts()).toHaveLength(1)

    await page.keyboard.press('Escape')
    await page.getByTestId('composer').waitFor({ state: 'detached' })
    const [draft] = app.services.compose.listDrafts()
    expect(draft).toMatchObject({ to: 'sara@example.test', state: 'editing' })
  })

  it('Discard (Ctrl+Shift+D) closes the composer; Undo brings the draft back; otherwise it is deleted', async () => {
    const { page } = app
    const before = new Set(app.services.compose.listDrafts().map((d) => d.id))
    await page.getByTestId('new-message').click()
    await page.locator('[data-testid="composer-to"]:focus').waitFor()
    await page.keyboard.type('ben@example.test')
    const [draft] = app.services.compose.listDrafts().filter((d) => !before.has(d.id))
    expect(draft).toBeDefined()

    await page.keyboard.press('Control+Shift+D')
    await page.getByTestId('composer').waitFor({ state: 'detached' })
    const toast = page.getByTestId('discard-toast')
    await toast.getByText('Draft discarded').waitFor()
    await toast.getByRole('button', { name: 'Undo' }).click()
    // Back with what was typed (saved before the discard), and still stored.
    await page.getByTestId('composer').waitFor()
    expect(await page.getByTestId('composer-to').inputValue()).toBe('ben@example.test')
    expect(app.services.compose.listDrafts().some((d) => d.id === draft!.id)).toBe(true)

    await page.getByTestId('composer-discard').click()
    await page.getByTestId('composer').waitFor({ state: 'detached' })
    await toast.waitFor({ state: 'detached', timeout: 15_000 })
    for (let i = 0; i < 50 && app.services.compose.listDrafts().some((d) => d.id === draft!.id); i++) {
      await new Promise((r) => setTimeout(r, 100))
    }
    expect(app.services.compose.listDrafts().some((d) => d.id === draft!.id)).toBe(false)
    expect(app.pageErrors).toEqual([])
  })
})
