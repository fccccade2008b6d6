import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MailEvents } from '../../src/shared/ipc/contract'
import { createMailtoInbox, mailtoArgument, openMailto } from '../../src/main/mailto'
import { createTestUser } from '../servers/mail-env'
import { addAccount, stackAccount, startSendingApp, type SendingApp } from './helpers/sending'

describe('mailto: links open a draft in the first account', () => {
  let app: SendingApp
  let empty: SendingApp
  const opened: MailEvents['compose:open'][] = []
  const errors: MailEvents['app:error'][] = []
  beforeAll(async () => {
    const user = createTestUser('mailto')
    app = await startSendingApp()
    await addAccount(app.services, stackAccount('acc', user), user.password)
    app.services.events.on('compose:open', (p) => opened.push(p))
    app.services.events.on('app:error', (p) => errors.push(p))
    empty = await startSendingApp()
  })
  afterAll(async () => {
    await app.close()
    await empty.close()
  })

  it('fills the draft from the link, stores it, and asks the renderer to open it', () => {
    const draft = openMailto(
      app.services,
      'mailto:a@example.com,b@example.com?cc=c@example.com&subject=Caf%C3%A9%0D%0ABcc:%20spy@evil.example&body=line%201%0D%0A%3Cb%3Eline%202%3C/b%3E&from=boss@example.com',
    )
    expect(draft).toMatchObject({
      accountId: 'acc',
      to: 'a@example.com, b@example.com',
      cc: 'c@example.com',
      bcc: '',
      subject: 'Café Bcc: spy@evil.example',
      state: 'editing',
    })
    // The body's text is text: escaped, one paragraph per line, above the signature.
    expect(draft.html).toMatch(/^<p>line 1<\/p><p>&#60;b&#62;line 2&#60;\/b&#62;<\/p>/)
    expect(app.services.compose.listDrafts().map((d) => d.id)).toContain(draft.id)
    expect(opened.at(-1)?.draft.id).toBe(draft.id)
  })

  it('links that arrive before the window is ready wait; a bad one is a background error', () => {
    const inbox = createMailtoInbox(
      mailtoArgument(['/usr/bin/mailroom', '--flag', 'mailto:first@example.com']),
    )
    inbox.receive('mailto:x@example.com?subject=%ZZ')
    const before = opened.length
    inbox.ready(app.services)
    expect(opened.slice(before).map((o) => o.draft.to)).toEqual(['first@example.com'])
    expect(errors.at(-1)?.error).toMatchObject({ code: 'INVALID_INPUT', detail: { field: 'mailto' } })
    inbox.receive('mailto:later@example.com')
    expect(opened.at(-1)?.draft.to).toBe('later@example.com')
  })

  it('without an account: ACCOUNT_NOT_FOUND, and no draft', () => {
    expect(() => openMailto(empty.services, 'mailto:a@example.com')).toThrow(
      expect.objectContaining({ code: 'ACCOUNT_NOT_FOUND' }),
    )
    expect(empty.services.compose.listDrafts()).toEqual([])
  })
})
