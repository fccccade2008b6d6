/**
 * The whole loop in Chromium, against the real core and the real mail servers, with two people's
 * accounts in one app: Alice composes and sends → it arrives in Bob's INBOX → Bob opens it in the
 * reader and replies (r) → the reply arrives in Alice's INBOX with the threading headers (checked
 * over IMAP) and threads under her original (shown in the conversation, with her Sent copy); Bob's
 * original is marked answered, in the list and on the server; Alice's address, met only in synced
 * mail, is among the composer's suggestions.
 */
import { simpleParser } from 'mailparser'
import type { FrameLocator, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testCa, type TestUser } from '../servers/mail-env'
import { fetchByMessageId, imapClient, knownUser, waitFor } from '../integration/helpers/sending'
import { startApp, type AppUnderTest } from './harness'
import { addImapAccount } from './reader-helpers'

/** The IMAP flags of the message with this Message-ID in the user's mailbox. */
async function serverFlags(user: TestUser, mailbox: string, messageId: string): Promise<string[]> {
  const client = imapClient(user)
  await client.connect()
  try {
    const lock = await client.getMailboxLock(mailbox)
    try {
      const uids = (await client.search({ header: { 'message-id': messageId } }, { uid: true })) || []
      const flags: string[] = []
      if (uids.length === 0) return flags
      for await (const m of client.fetch(uids.join(','), { flags: true }, { uid: true })) {
        flags.push(...(m.flags ?? []))
      }
      return flags
    } finally {
      lock.release()
    }
  } finally {
    await client.logout()
  }
}

/** The open message's body (HTML mail shows in the sandboxed frame). */
function body(page: Page): FrameLocator {
  return page.frameLocator('iframe[title="Message content"]')
}

function folder(page: Page, account: string, name: RegExp): Locator {
  return page.getByRole('tree', { name: account }).getByRole('treeitem', { name })
}

async function waitSent(app: AppUnderTest, subject: string): Promise<string> {
  const item = await waitFor(`"${subject}" to be sent`, () =>
    app.services.outbox.list().find((i) => i.subject === subject && i.state === 'sent'),
  )
  return item.messageId
}

describe('compose, send, receive, reply: the reply threads under the original', () => {
  let app: AppUnderTest
  let alice: TestUser
  let bob: TestUser
  beforeAll(async () => {
    app = await startApp({ extraCa: [testCa()] })
    alice = await knownUser('thread-alice')
    bob = await knownUser('thread-bob')
    await addImapAccount(app, alice, 'acc-alice', 'Alice')
    await addImapAccount(app, bob, 'acc-bob', 'Bob')
    app.services.outbox.setSettings({ undoSeconds: 1 })
  })
  afterAll(async () => {
    for (const id of ['acc-alice', 'acc-bob']) {
      await app?.services.secrets.delete(`account:${id}:incoming`)
      await app?.services.secrets.delete(`account:${id}:outgoing`)
    }
    await app?.close()
  })

  it('threads Bob’s reply under Alice’s message, in both accounts and on the wire', async () => {
    const { page } = app
    const subject = `Lunch on Friday? ${Date.now()}`
    const escaped = subject.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

    // Alice writes to Bob.
    await page.getByTestId('new-message').click()
    await page.getByTestId('composer').waitFor()
    await page.getByTestId('composer-from').selectOption('acc-alice/acc-alice-main')
    await page.getByTestId('composer-to').fill(bob.address)
    await page.getByTestId('composer-subject').fill(subject)
    await page.locator('[data-testid="composer-body"] .tiptap').click()
    await page.keyboard.press('Control+Home')
    await page.keyboard.type('Shall we try the new place on Friday?')
    await page.getByTestId('composer-send').click()
    await page.getByTestId('composer').waitFor({ state: 'detached' })
    const originalId = await waitSent(app, subject)
    await page.getByTestId('open-outbox').click() // close the outbox panel again

    // It appears in Bob's Inbox (IDLE) and he opens it.
    await folder(page, 'Bob', /^Inbox/).click()
    const received = page.getByRole('option', { name: new RegExp(escaped) })
    await received.waitFor({ timeout: 60_000 })
    await received.click()
    await page.getByRole('heading', { name: subject }).waitFor()
    await body(page).getByText('Shall we try the new place on Friday?').waitFor()

    // Bob replies with the keyboard: r.
    expect(await page.getByTestId('reply').getAttribute('aria-keyshortcuts')).toBe('r')
    await page.keyboard.press('r')
    await page.getByTestId('composer').waitFor()
    expect(await page.getByTestId('composer-subject').inputValue()).toBe(`Re: ${subject}`)
    expect(await page.getByTestId('composer-to').inputValue()).toContain(alice.address)
    expect(await page.getByTestId('composer-from').inputValue()).toBe('acc-bob/acc-bob-main')
    // Addresses of synced mail feed the autocomplete (Alice's reached Bob only in her message).
    await waitFor(
      'Alice among the contacts',
      () =>
        app.services.contacts.suggest('thread-alice', 5).some((a) => a.address === alice.address) ||
        undefined,
    )
    await page.getByTestId('composer-cc').fill('thread-alice')
    await page
      .locator('.suggestions')
      .getByRole('option', { name: new RegExp(alice.address) })
      .waitFor()
    await page.getByTestId('composer-cc').fill('')
    await page.locator('[data-testid="composer-body"] .tiptap').click()
    await page.keyboard.press('Control+Home')
    await page.keyboard.type('Friday works for me.')
    await page.getByTestId('composer-send').click()
    await page.getByTestId('composer').waitFor({ state: 'detached' })
    const replyId = await waitSent(app, `Re: ${subject}`)
    await page.getByTestId('open-outbox').click()

    // On the wire: the reply names the original (RFC 5322 §3.6.4).
    const [raw] = await waitFor('the reply in Alice’s INBOX', async () => {
      const found = await fetchByMessageId(alice, 'INBOX', replyId)
      return found.length > 0 ? found : undefined
    })
    const reply = await simpleParser(raw!)
    expect(reply.inReplyTo).toBe(originalId)
    expect([reply.references].flat()).toContain(originalId)
    expect(reply.text).toContain('Friday works for me.')
    expect(reply.text).toContain('Shall we try the new place on Friday?')

    // Bob's original is answered: on the server, in his list, and his conversation shows his reply.
    await expect
      .poll(() => serverFlags(bob, 'INBOX', originalId), { timeout: 30_000 })
      .toContain('\\Answered')
    await expect
      .poll(() => page.getByRole('option', { name: new RegExp(`${escaped}.*answered`) }).count(), {
        timeout: 30_000,
      })
      .toBe(1)
    const bobsConversation = page.getByTestId('conversation')
    await expect.poll(() => bobsConversation.getByRole('listitem').count(), { timeout: 30_000 }).toBe(2)
    expect(await bobsConversation.getByTestId('conversation-item').textContent()).toContain('Sent')

    // Alice sees the reply in her Inbox, threaded under what she sent.
    await folder(page, 'Alice', /^Inbox/).click()
    const answer = page.getByRole('option', { name: new RegExp(`Re: ${escaped}`) })
    await answer.waitFor({ timeout: 60_000 })
    await expect.poll(() => answer.getByTestId('thread-count').textContent(), { timeout: 30_000 }).toBe('2')
    await answer.click()
    await page.getByRole('heading', { name: `Re: ${subject}` }).waitFor()
    const conversation = page.getByRole('navigation', { name: 'Conversation' })
    await expect.poll(() => conversation.getByRole('listitem').count(), { timeout: 30_000 }).toBe(2)
    const items = conversation.getByRole('listitem')
    expect(await items.nth(0).textContent()).toContain('Sent')
    expect(await items.nth(1).getAttribute('data-message-id')).toBeTruthy()
    expect(await items.nth(1).locator('[aria-current="true"]').count()).toBe(1)
    // The earlier message opens from the conversation: Alice's own, from her Sent folder.
    await conversation.getByTestId('conversation-item').click()
    await page.getByRole('heading', { name: subject, exact: true }).waitFor()
    await body(page).getByText('Shall we try the new place on Friday?').waitFor()
    expect(app.pageErrors.filter((e) => !/Content Security Policy|sandboxed/.test(e))).toEqual([])
  }, 180_000)
})
