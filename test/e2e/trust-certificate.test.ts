import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import keytar from 'keytar'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fingerprintOfFile } from '../integration/helpers/tls-cases'
import { knownUser } from '../integration/helpers/sending'
import { configXml, startConfigHttp, type ConfigHttp } from '../servers/config-http'
import { mailStack, testCa, type TestUser } from '../servers/mail-env'
import { startStubDns, type StubDns } from '../servers/stub-dns'
import { startApp, type AppUnderTest } from './harness'
import { deliverOverSmtp, waitForInbox } from './reader-helpers'

/**
 * A person whose provider's servers have a certificate from a private CA (127.0.0.6 on the test
 * stack: nothing trusts that CA, only the test CA is configured) adds the account through the
 * wizard, in Chromium, against the real servers: the error says the certificate was issued by an
 * authority this computer does not trust (not "self-signed"), names it, and "Trust this
 * certificate for this server" leads to a working account whose mail shows.
 */
const KEYCHAIN = `Mailroom-e2e-trust-${randomBytes(4).toString('hex')}`
const dataDir = mkdtempSync(join(tmpdir(), 'mailroom-e2e-trust-'))
let http: ConfigHttp
let dns: StubDns
let user: TestUser
let app: AppUnderTest

beforeAll(async () => {
  const { ports, badTls } = mailStack()
  user = await knownUser('e2e-trust')
  await deliverOverSmtp(user, { from: 'boss@example.test', subject: 'Behind the private CA', text: 'hi' })
  await waitForInbox(user, 1)
  http = await startConfigHttp({
    '/https/autoconfig.example.test/mail/config-v1.1.xml': configXml({
      name: 'Corp Mail',
      incoming: [{ type: 'imap', host: badTls.privateCa, port: ports.imaps, socket: 'SSL' }],
      outgoing: [{ host: badTls.privateCa, port: ports.submission, socket: 'STARTTLS' }],
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

describe('trusting a certificate issued by a private CA', () => {
  it('says who issued it, and trusting it leads to a working account', async () => {
    const { page } = app
    await page.getByRole('heading', { name: 'Add your mail account' }).waitFor()
    await page.getByLabel('Your name').fill('Trust User')
    await page.getByLabel('Email address').fill(user.address)
    await page.getByLabel('Password', { exact: true }).fill(user.password)
    await page.getByLabel('Password', { exact: true }).press('Enter')
    await page.getByRole('heading', { name: 'Check your settings' }).waitFor()
    expect(await page.locator('#incoming-host').inputValue()).toBe(mailStack().badTls.privateCa)
    await page.getByRole('button', { name: 'Add account' }).click()

    // Each server (incoming, then outgoing) is refused once; the person trusts what it shows.
    const trust = page.getByRole('button', { name: 'Trust this certificate for this server' })
    const done = page.getByTestId('wizard-done')
    let trusted = 0
    while (!(await done.isVisible())) {
      await Promise.race([trust.waitFor({ timeout: 30_000 }), done.waitFor({ timeout: 30_000 })])
      if (await done.isVisible()) break
      const alert = page.getByRole('alert')
      const words = (await alert.textContent()) ?? ''
      expect(words).toMatch(/issued by an authority this computer does not trust/)
      expect(words).toContain('CN=Mailroom Private CA (untrusted)')
      expect(words).not.toMatch(/self-signed/i)
      expect(await page.getByTestId('certificate-fingerprint').textContent()).toBe(
        fingerprintOfFile('privateca'),
      )
      expect(await page.getByTestId('certificate-subject').textContent()).toBe('CN=mail.private.test')
      expect(await page.getByTestId('certificate-validity').textContent()).toMatch(/^from .+ to .+$/)
      if (trusted === 0) {
        mkdirSync('out/screenshots', { recursive: true })
        await page.screenshot({ path: 'out/screenshots/trust-private-ca.png', fullPage: true })
      }
      expect(++trusted).toBeLessThanOrEqual(2)
      await trust.click()
      await expect.poll(() => trust.isVisible()).toBe(false)
    }
    expect(trusted).toBeGreaterThan(0)
    await page.getByRole('button', { name: 'Done' }).click()

    // The account works: its folders sync through the pinned server and the waiting mail shows.
    await page
      .getByRole('treeitem', { name: /^Inbox/ })
      .first()
      .waitFor({ timeout: 30_000 })
    await page.getByText('Behind the private CA').first().waitFor({ timeout: 30_000 })
    const [account] = app.services.accounts.list()
    expect(account?.pins.map((p) => p.fingerprint)).toContain(fingerprintOfFile('privateca'))
    expect(account?.pins.every((p) => p.allowNameMismatch === undefined)).toBe(true)
    expect(app.pageErrors).toEqual([])
  })
})
