import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import keytar from 'keytar'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { countFiles, findSecrets } from '../helpers/secret-scan'
import { configXml, startConfigHttp, type ConfigHttp } from '../servers/config-http'
import { createTestUser, mailStack, testCa, type TestUser } from '../servers/mail-env'
import { startStubDns, type StubDns } from '../servers/stub-dns'
import { startApp, type AppUnderTest } from './harness'

/**
 * A person adds their account through the first-run wizard, in Chromium, against the real
 * servers: discovery finds the provider's config file (served locally), a wrong password shows
 * the login error, the right one succeeds, and the account is still listed after a reload.
 */
const KEYCHAIN = `Mailroom-e2e-accounts-${randomBytes(4).toString('hex')}`
const dataDir = mkdtempSync(join(tmpdir(), 'mailroom-e2e-accounts-'))
let http: ConfigHttp
let dns: StubDns
let user: TestUser
let app: AppUnderTest
const wrong = `wrong-${randomBytes(8).toString('hex')}`

beforeAll(async () => {
  const { ports } = mailStack()
  user = createTestUser('wizard')
  http = await startConfigHttp({
    '/https/autoconfig.example.test/mail/config-v1.1.xml': configXml({
      name: 'Example Test Mail',
      incoming: [{ type: 'imap', host: 'localhost', port: ports.imaps, socket: 'SSL' }],
      outgoing: [{ host: 'localhost', port: ports.submission, socket: 'STARTTLS' }],
    }),
  })
  dns = await startStubDns({})
  app = await startApp({
    dataDir,
    keychainService: KEYCHAIN,
    extraCa: [testCa()],
    discovery: { httpOrigin: http.httpOrigin, ispdbBase: http.ispdbBase, dnsServers: [dns.server] },
    verifyTimeoutMs: 10_000,
  })
})
afterAll(async () => {
  await app?.close()
  await http?.close()
  await dns?.close()
  for (const c of await keytar.findCredentials(KEYCHAIN)) await keytar.deletePassword(KEYCHAIN, c.account)
  rmSync(dataDir, { recursive: true, force: true })
})

describe('adding an account through the wizard', () => {
  it('finds the settings, shows a rejected login in words, then adds the account', async () => {
    const { page } = app
    await expect
      .poll(() => page.getByRole('heading', { name: 'Add your mail account' }).isVisible())
      .toBe(true)
    // Keyboard only: the heading has the focus; Tab to each field, type, Enter to continue.
    await page.keyboard.press('Tab')
    await page.keyboard.type('Wizard User')
    await page.keyboard.press('Tab')
    await page.keyboard.type(user.address)
    await page.keyboard.press('Tab')
    await page.keyboard.type(wrong)
    await page.keyboard.press('Enter')

    await page.getByRole('heading', { name: 'Check your settings' }).waitFor()
    expect(await page.getByTestId('incoming-source').textContent()).toBe(
      'Found from your provider’s config file.',
    )
    expect(await page.locator('#incoming-host').inputValue()).toBe('localhost')
    expect(await page.locator('#outgoing-security').inputValue()).toBe('starttls')
    await page.getByRole('button', { name: 'Add account' }).click()
    const alert = page.getByRole('alert')
    await alert.waitFor()
    expect(await alert.textContent()).toMatch(/incoming server did not accept the user name or password/)
    expect(await alert.getAttribute('data-error-code')).toBe('AUTH_FAILED')
    mkdirSync('out/screenshots', { recursive: true })
    await page.screenshot({ path: 'out/screenshots/wizard-login-error.png', fullPage: true })

    await page.getByLabel('Password', { exact: true }).fill(user.password)
    await page.getByLabel('Password', { exact: true }).press('Enter')
    await page.getByTestId('wizard-done').waitFor({ timeout: 30_000 })
    await page.screenshot({ path: 'out/screenshots/account-added.png' })
    await page.getByRole('button', { name: 'Done' }).click()
    expect(app.pageErrors).toEqual([])
  })

  it('lists the account after a reload, on the accounts page', async () => {
    const { page } = app
    await page.reload()
    await page.getByRole('button', { name: 'Accounts' }).click()
    const item = page.getByTestId('account-item')
    await item.waitFor()
    expect(await item.textContent()).toContain(user.address)
    expect(await page.getByRole('heading', { name: 'Add your mail account' }).count()).toBe(0)
    await page.screenshot({ path: 'out/screenshots/accounts-page.png' })
  })

  it('never let a password reach the page or the user-data folder', async () => {
    for (const answer of app.bridge.answers) {
      expect(answer).not.toContain(user.password)
      expect(answer).not.toContain(wrong)
    }
    await app.services.close()
    expect(countFiles(dataDir)).toBeGreaterThan(0)
    expect(findSecrets(dataDir, [user.password, wrong])).toEqual([])
  })
})
