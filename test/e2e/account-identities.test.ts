/**
 * A person gives their account a second identity on the accounts page, in Chromium, with the
 * keyboard: after a reload it is listed with the account and offered in the composer's From
 * menu. Changing only identities saves without contacting the servers; the account itself is a
 * real one on the private mail stack, so the app syncs it as it would any other.
 */
import { mkdirSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testCa, type TestUser } from '../servers/mail-env'
import { addAccount, knownUser, stackAccount } from '../integration/helpers/sending'
import { startApp, type AppUnderTest } from './harness'

const ACCOUNT = 'e2e-ident'

describe('identities on the accounts page', () => {
  let app: AppUnderTest
  let user: TestUser
  let alias: string
  beforeAll(async () => {
    app = await startApp({ extraCa: [testCa()] })
    user = await knownUser('e2e-ident')
    alias = user.address.replace('@', '+sales@')
    await addAccount(
      app.services,
      stackAccount(ACCOUNT, user, { displayName: 'Identity test' }),
      user.password,
    )
    app.services.events.emit('accounts:changed', { accountId: ACCOUNT })
  })
  afterAll(async () => {
    await app?.services.secrets.delete(`account:${ACCOUNT}:incoming`)
    await app?.services.secrets.delete(`account:${ACCOUNT}:outgoing`)
    await app?.close()
  })

  const focusedId = () => app.page.locator(':focus').getAttribute('id')

  it('adds a second identity with the keyboard; a repeated address is refused at its field', async () => {
    const { page } = app
    await page.getByRole('button', { name: 'Accounts' }).click()
    await page.getByRole('button', { name: 'Edit Identity test' }).click()
    await page.getByRole('heading', { name: 'Edit Identity test' }).waitFor()
    expect(await page.getByTestId('identity-item').count()).toBe(1)

    await page.getByRole('button', { name: 'Add identity' }).focus()
    await page.keyboard.press('Enter')
    // The cursor is in the new identity's name: type it, Tab to its address.
    await expect.poll(() => focusedId()).toBe('identity-1-name')
    await page.keyboard.type('Sales Desk')
    await page.keyboard.press('Tab')
    await page.keyboard.type(user.address.toUpperCase())
    await page.keyboard.press('Enter')
    await expect.poll(() => focusedId()).toBe('identity-1-address')
    expect(await page.locator('#identity-1-address-error').textContent()).toBe(
      'Identity 1 already uses this address.',
    )

    await page.keyboard.press('Control+A')
    await page.keyboard.type(alias)
    mkdirSync('out/screenshots', { recursive: true })
    await page.screenshot({ path: 'out/screenshots/account-identities.png', fullPage: true })
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: 'Accounts', exact: true }).waitFor()
    const saved = app.services.accountsService.list().find((a) => a.id === ACCOUNT)!
    expect(saved.identities.map((i) => [i.name, i.address])).toEqual([
      ['Sënder Tëst', user.address],
      ['Sales Desk', alias],
    ])
    expect(app.pageErrors).toEqual([])
  })

  it('lists it after a reload and offers it in the composer’s From menu', async () => {
    const { page } = app
    await page.reload()
    await page.getByRole('button', { name: 'Accounts' }).click()
    await expect
      .poll(() => page.getByTestId('account-identities').textContent())
      .toBe(`Identities: Sënder Tëst <${user.address}>, Sales Desk <${alias}>`)

    await page.getByTestId('new-message').click()
    await page.getByTestId('composer').waitFor()
    const options = await Promise.all(
      (await page.getByTestId('composer-from').locator('option').all()).map(async (o) => [
        await o.getAttribute('value'),
        await o.textContent(),
      ]),
    )
    const id = app.services.accountsService.list().find((a) => a.id === ACCOUNT)!.identities[1]!.id
    expect(options).toContainEqual([`${ACCOUNT}/${id}`, `Sales Desk <${alias}>`])
    await page.getByTestId('composer-from').selectOption(`${ACCOUNT}/${id}`)
    expect(await page.getByTestId('composer-from').inputValue()).toBe(`${ACCOUNT}/${id}`)
    expect(app.pageErrors).toEqual([])
  })
})
