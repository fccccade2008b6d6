import { simpleParser } from 'mailparser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findCanonicalProblem } from '../../src/main/core/mime/canonical'
import { createTestUser, type TestUser } from '../servers/mail-env'
import {
  addAccount,
  fetchByMessageId,
  knownUser,
  settled,
  stackAccount,
  startSendingApp,
  waitFor,
  type SendingApp,
} from './helpers/sending'

/**
 * What lands on the server is byte-canonical (RFC 5322 §2.1/§2.3): the Drafts copy and the Sent
 * copy of multi-line messages, read back with FETCH BODY[]. Strict servers (Cyrus) refuse an
 * APPEND with bare newlines outright; Dovecot stores what it gets, so a bare CR, a long line or an
 * unlabelled 8-bit byte shows in what it returns.
 */

/** Text as people paste it: LF, CR and CRLF mixed, a long unbroken line, a long line of words. */
const MULTI_LINE = [
  'First line',
  'second after LF\rthird after a lone CR\r\nfourth after CRLF',
  `${'x'.repeat(1500)}`,
  `${'wörd '.repeat(400)}`,
  '> quoted line',
  '-- ',
  'Signature',
].join('\n')

function assertCanonical(raw: Buffer): void {
  const s = raw.toString('latin1')
  expect(s).not.toMatch(/[^\r]\n/)
  expect(s).not.toMatch(/\r(?!\n)/)
  expect(Math.max(...s.split('\r\n').map((l) => l.length))).toBeLessThanOrEqual(998)
  expect(findCanonicalProblem(raw)).toBeNull()
}

const lines = (s: string) => s.replace(/\r\n|\r|\n/g, '\n').trimEnd()

describe('canonical copies on the server', () => {
  let app: SendingApp
  let user: TestUser

  beforeAll(async () => {
    user = createTestUser('canon')
    app = await startSendingApp({ passwords: { acc: user.password } })
    await addAccount(app.services, stackAccount('acc', user), user.password)
    app.services.outbox.setSettings({ undoSeconds: 0 })
  })
  afterAll(() => app.close())

  it('saves a multi-line plain-text draft to Drafts with CRLF only and lines under 998 octets', async () => {
    const { compose } = app.services
    const draft = compose.createDraft('acc', null)
    const content = { ...draft, format: 'plain' as const, subject: 'multi-line draft', text: MULTI_LINE }
    await compose.closeDraft(content)
    const [raw] = await waitFor('the Drafts copy', async () => {
      const found = await fetchByMessageId(user, 'Drafts', serverMessageIdOf(draft.id))
      return found.length > 0 ? found : undefined
    })
    assertCanonical(raw!)
    expect(lines((await simpleParser(raw!)).text ?? '')).toBe(lines(MULTI_LINE))
    await compose.deleteDraft(draft.id)
  })

  it('saves the Sent copy of a multi-line HTML message, with quoting, byte-canonical', async () => {
    const { compose } = app.services
    const bob = await knownUser('canon-bob')
    const draft = compose.createDraft('acc', null)
    const html = `<p>Hello\nthere\r\nin lines</p>\n<blockquote type="cite"><p>${'q'.repeat(1200)}</p>\r<p>quoted\nmore</p></blockquote>`
    const item = await compose.sendDraft({ ...draft, to: bob.address, subject: 'multi-line sent', html })
    expect(await settled(app.services, item.id)).toMatchObject({ state: 'sent', sentCopy: 'saved' })
    const [raw] = await fetchByMessageId(user, 'Sent', item.messageId)
    assertCanonical(raw!)
    const parsed = await simpleParser(raw!)
    expect(parsed.text).toMatch(/^> quoted more$/m)
    expect(parsed.html).toContain('q'.repeat(1200))
    // The message that was delivered is the same canonical bytes.
    const [delivered] = await waitFor('delivery', async () => {
      const found = await fetchByMessageId(bob, 'INBOX', item.messageId)
      return found.length > 0 ? found : undefined
    })
    expect(delivered!.toString('latin1')).toContain(parsed.messageId!)
  })

  function serverMessageIdOf(draftId: string): string {
    const row = app.services.db
      .prepare('SELECT server_message_id AS id FROM drafts WHERE id = ?')
      .get(draftId) as { id: string }
    return row.id
  }
})
