/**
 * Compose → send in Chromium, against the real core and the real mail servers: the message must
 * arrive in a second test user's INBOX (checked over IMAP). Opening it in the reader and replying
 * is reply-thread.test.ts.
 */
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { Readable } from 'node:stream'
import { simpleParser } from 'mailparser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseMessage } from '../../src/main/core/mime/parse-message'
import { testCa, type TestUser } from '../servers/mail-env'
import {
  addAccount,
  fetchByMessageId,
  knownUser,
  stackAccount,
  waitFor,
} from '../integration/helpers/sending'
import { startApp, type AppUnderTest } from './harness'

const REPORT = resolve('test/fixtures/compose/report.txt')

describe('composing and sending in the browser', () => {
  let app: AppUnderTest
  let sender: TestUser
  let bob: TestUser
  beforeAll(async () => {
    app = await startApp({
      services: { extraCa: [testCa()], filePicker: { pickFiles: () => Promise.resolve([REPORT]) } },
    })
    sender = await knownUser('e2e-sender')
    bob = await knownUser('e2e-bob')
    await addAccount(app.services, stackAccount('e2e-acc', sender), sender.password)
    app.services.events.emit('accounts:changed', { accountId: 'e2e-acc' })
    app.services.outbox.setSettings({ undoSeconds: 2 })
  })
  afterAll(async () => {
    await app?.services.secrets.delete('account:e2e-acc:incoming')
    await app?.services.secrets.delete('account:e2e-acc:outgoing')
    await app?.close()
  })

  it('composes a rich message with an attachment, sends it after the undo window, and it arrives', async () => {
    const { page } = app
    await page.getByTestId('new-message').click()
    const composer = page.getByTestId('composer')
    await composer.waitFor()
    expect(await page.getByTestId('composer-from').inputValue()).toBe('e2e-acc/e2e-acc-main')

    const to = page.getByTestId('composer-to')
    await to.fill('not-an-address, ')
    expect(await page.getByTestId('composer-to-problem').textContent()).toContain('not-an-address')
    await to.fill(`Bob Example <${bob.address}>`)
    await page.getByTestId('composer-subject').click()
    expect(await page.getByTestId('composer-to-problem').count()).toBe(0)
    await page.getByTestId('composer-subject').fill('Grüße from the browser ✓')

    const body = page.locator('[data-testid="composer-body"] .tiptap')
    await body.click()
    await page.keyboard.press('Home')
    await page.keyboard.press('Control+Home')
    await page.keyboard.type('Hello ')
    await page.getByTestId('fmt-bold').click()
    await page.keyboard.type('Bob')
    await page.getByTestId('fmt-bold').click()
    await page.keyboard.type(', the numbers are attached.')
    // Enter starts a new line, Enter twice leaves a blank line: the text part must say the same.
    await page.keyboard.press('Enter')
    await page.keyboard.type('line one')
    await page.keyboard.press('Enter')
    await page.keyboard.type('line two')
    await page.keyboard.press('Enter')
    await page.keyboard.press('Enter')
    await page.keyboard.type('line three')

    await page.getByTestId('composer-attach').click()
    await waitFor('the attachment', async () =>
      (await page.getByTestId('composer-attachments').textContent())?.includes('report.txt')
        ? true
        : undefined,
    )
    mkdirSync('out/screenshots', { recursive: true })
    await page.screenshot({ path: 'out/screenshots/composer.png' })

    await page.getByTestId('composer-send').click()
    await composer.waitFor({ state: 'detached' })
    const item = page.getByTestId('outbox-item').first()
    expect(await item.getAttribute('data-state')).toBe('queued')
    expect(await page.getByTestId('outbox-undo').count()).toBe(1)
    await waitFor('the outbox to say sent', async () =>
      (await item.getAttribute('data-state')) === 'sent' ? true : undefined,
    )

    const sent = app.services.outbox.list()[0]!
    const [copy] = await waitFor('delivery to bob', async () => {
      const c = await fetchByMessageId(bob, 'INBOX', sent.messageId)
      return c.length > 0 ? c : undefined
    })
    const parsed = await simpleParser(copy!)
    expect(parsed.subject).toBe('Grüße from the browser ✓')
    expect(parsed.from?.value[0]?.address).toBe(sender.address)
    expect(parsed.html).toMatch(/Hello <strong>Bob<\/strong>, the numbers are attached\./)
    expect(parsed.text).toContain('Hello Bob, the numbers are attached.')
    // Built by the outbox, read back by our own parser: single Enters are single line breaks.
    const ours = await parseMessage(
      () => Readable.from([copy!]),
      copy!.length,
      () => copy!,
    )
    expect(ours.text).toContain('Hello Bob, the numbers are attached.\nline one\nline two\n\nline three')
    expect(parsed.text).toContain('-- \nSënder')
    expect(parsed.attachments[0]?.filename).toBe('report.txt')
    expect(parsed.attachments[0]?.content.toString('utf8')).toContain('Ümlaut row: äöü')
    expect(app.pageErrors).toEqual([])
  })
})
