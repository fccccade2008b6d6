/**
 * Sending once from the person's side, in Chromium against the real core and mail servers: Ctrl+Enter
 * pressed twice in the composer, and two sends that both reach main (two key events in one task,
 * before the composer can re-render, and two calls on window.mail), deliver one message each. The
 * count is taken in the recipient's real INBOX.
 */
import { simpleParser } from 'mailparser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testCa, type TestUser } from '../servers/mail-env'
import {
  addAccount,
  fetchByMessageId,
  deliveredBySubject,
  knownUser,
  settled,
  stackAccount,
  waitFor,
} from '../integration/helpers/sending'
import { startApp, type AppUnderTest } from './harness'
import { callInPage, draftContent } from './page-api'

describe('a message is sent once however often Send is asked for', () => {
  let app: AppUnderTest
  let bob: TestUser
  /** sendDraft calls that reached main through the bridge. */
  let sendCalls = 0
  beforeAll(async () => {
    app = await startApp({ services: { extraCa: [testCa()] } })
    const sender = await knownUser('e2e-once')
    bob = await knownUser('e2e-once-bob')
    await addAccount(app.services, stackAccount('once-acc', sender), sender.password)
    app.services.events.emit('accounts:changed', { accountId: 'once-acc' })
    app.services.outbox.setSettings({ undoSeconds: 1 })
    app.page.on('request', (req) => {
      if (req.url().endsWith('/__bridge/invoke') && req.postData()?.includes('mail:sendDraft')) sendCalls++
    })
  })
  afterAll(async () => {
    await app?.services.secrets.delete('account:once-acc:incoming')
    await app?.services.secrets.delete('account:once-acc:outgoing')
    await app?.close()
  })

  /** How many messages with this subject Bob's INBOX holds once everything queued had its chance. */
  async function deliveredWithSubject(subject: string): Promise<number> {
    for (const item of app.services.outbox.list()) await settled(app.services, item.id)
    return (await deliveredBySubject(bob)).get(subject) ?? 0
  }

  async function composeTo(subject: string): Promise<void> {
    const { page } = app
    await page.getByTestId('new-message').click()
    await page.getByTestId('composer').waitFor()
    await page.getByTestId('composer-to').fill(bob.address)
    await page.getByTestId('composer-subject').fill(subject)
    await page.locator('[data-testid="composer-body"] .tiptap').click()
    await page.keyboard.press('Control+Home')
    await page.keyboard.type('Sent once.')
  }

  it('Ctrl+Enter pressed twice in the body sends one message, without a line break from the editor', async () => {
    const { page } = app
    const subject = `Ctrl+Enter twice ${Date.now()}`
    await composeTo(subject)
    await page.keyboard.press('Control+Enter')
    await page.keyboard.press('Control+Enter')
    await page.getByTestId('composer').waitFor({ state: 'detached' })
    const items = app.services.outbox.list().filter((i) => i.subject === subject)
    expect(items).toHaveLength(1)
    expect(await deliveredWithSubject(subject)).toBe(1)
    const [copy] = await fetchByMessageId(bob, 'INBOX', items[0]!.messageId)
    expect((await simpleParser(copy!)).html).toContain('Sent once.</p>')
    expect(app.pageErrors).toEqual([])
  })

  it('two Ctrl+Enter events in one task both reach main, and one message leaves', async () => {
    const { page } = app
    const subject = `two events one task ${Date.now()}`
    await composeTo(subject)
    const before = sendCalls
    // One task: React has not re-rendered (the Send guard still reads "not busy") for the second.
    await page.evaluate(`(() => {
      const body = document.querySelector('[data-testid="composer-body"] .tiptap')
      for (let i = 0; i < 2; i++) {
        body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true }))
      }
    })()`)
    await page.getByTestId('composer').waitFor({ state: 'detached' })
    await waitFor('both sends to reach main', () => (sendCalls - before >= 2 ? true : undefined))
    expect(app.services.outbox.list().filter((i) => i.subject === subject)).toHaveLength(1)
    expect(await deliveredWithSubject(subject)).toBe(1)
  })

  it('concurrent and repeated window.mail.sendDraft calls answer with one outbox item and deliver once', async () => {
    const subject = `window.mail ${Date.now()}`
    const created = await callInPage(app.page, 'createDraft', 'once-acc', null)
    const content = { ...draftContent(created), to: bob.address, subject, html: '<p>three at once</p>' }
    const first = await Promise.all([1, 2, 3].map(() => callInPage(app.page, 'sendDraft', content)))
    await new Promise((r) => setTimeout(r, 200))
    const later = await callInPage(app.page, 'sendDraft', content)
    const answers = [...first, later].map((i) => i.id)
    expect(new Set(answers).size).toBe(1)
    expect(await deliveredWithSubject(subject)).toBe(1)
  })
})
