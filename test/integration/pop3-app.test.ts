import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMailApi } from '../../src/main/api/mail-api'
import { secretKey } from '../../src/main/core/accounts/account-secrets'
import { invokeMailMethod } from '../../src/main/ipc/register'
import type { Mailbox } from '../../src/shared/model/mail'
import { createTestUser, type TestUser } from '../servers/mail-env'
import { pop3Account } from './helpers/pop3-fixture'
import { deliverRaw, sampleMessage } from './helpers/pop3-mail'
import {
  addAccount,
  settled,
  stackAccount,
  startSendingApp,
  waitFor,
  type SendingApp,
} from './helpers/sending'

/**
 * A POP3 account in the whole app (createServices): retrieval lands in the real mail store and
 * the reader's API shows it; local deletion reaches the server when the account says so; sent
 * mail is kept in the local Sent folder.
 */
describe('POP3 account in the app', () => {
  let app: SendingApp
  let user: TestUser
  let folders: Mailbox[]
  const role = (r: string) => folders.find((m) => m.role === r)!

  beforeAll(async () => {
    user = createTestUser('pop3app')
    deliverRaw(user, sampleMessage('First over POP3', ['Hello from the server.']))
    deliverRaw(user, sampleMessage('Second over POP3'))
    app = await startSendingApp()
    app.services.outbox.setSettings({ undoSeconds: 0 })
    const account = {
      ...pop3Account('pop', user, 'tls', { deleteOnServerWhenDeletedLocally: true }),
      outgoing: stackAccount('x', user).outgoing,
    }
    await addAccount(app.services, account, user.password)
  })
  afterAll(async () => {
    await app?.close()
  })

  it('retrieves into local folders the reader lists, and opens the message', async () => {
    const result = await app.services.pop3.checkNow('pop')
    expect(result).toMatchObject({ downloaded: 2, identity: 'uidl' })
    folders = await app.services.mail.listMailboxes('pop')
    expect(folders.map((m) => m.role).sort()).toEqual(['drafts', 'inbox', 'sent', 'trash'])
    const page = await app.services.mail.listMessages(role('inbox').id, { offset: 0, limit: 10 })
    expect(page.items.map((m) => m.subject).sort()).toEqual(['First over POP3', 'Second over POP3'])
    const first = page.items.find((m) => m.subject === 'First over POP3')!
    const view = await app.services.mail.getMessage(first.id)
    expect(view.text).toContain('Hello from the server.')
    // A second check downloads nothing again.
    expect(await app.services.pop3.checkNow('pop')).toMatchObject({ downloaded: 0, onServer: 2 })
    // The accounts page reads how the last check went through the IPC contract.
    const status = await invokeMailMethod(createMailApi(app.services), 'getPop3Status', ['pop'])
    expect(status).toMatchObject({ ok: true, value: { identity: 'uidl', lastError: null } })
  })

  it('deletes on the server only after the local copy is deleted for good', async () => {
    const inbox = await app.services.mail.listMessages(role('inbox').id, { offset: 0, limit: 10 })
    const second = inbox.items.find((m) => m.subject === 'Second over POP3')!
    await app.services.mail.deleteMessages([second.id])
    // In the Trash it still exists locally: the server keeps it.
    expect(await app.services.pop3.checkNow('pop')).toMatchObject({ deletedOnServer: 0, onServer: 2 })
    const trash = await app.services.mail.listMessages(role('trash').id, { offset: 0, limit: 10 })
    expect(trash.items.map((m) => m.subject)).toEqual(['Second over POP3'])
    await app.services.mail.deleteMessages([trash.items[0]!.id])
    expect(await app.services.pop3.checkNow('pop')).toMatchObject({ deletedOnServer: 1, onServer: 1 })
  })

  it('keeps a copy of sent mail in the local Sent folder, once', async () => {
    const rcpt = createTestUser('pop3rcpt')
    const draft = {
      ...app.services.compose.createDraft('pop', null),
      to: rcpt.address,
      subject: 'Sent from POP3',
    }
    const queued = await app.services.compose.sendDraft(draft)
    expect(await settled(app.services, queued.id)).toMatchObject({ state: 'sent', sentCopy: 'saved' })
    const sent = await waitFor('the local Sent copy', async () => {
      const page = await app.services.mail.listMessages(role('sent').id, { offset: 0, limit: 10 })
      return page.items.length > 0 ? page.items : undefined
    })
    expect(sent.map((m) => m.subject)).toEqual(['Sent from POP3'])
    expect(sent[0]!.flags.seen).toBe(true)
  })

  it('"Check now" through the contract downloads what arrived, or answers the server\'s words', async () => {
    const other = createTestUser('pop3now')
    await addAccount(app.services, pop3Account('pop-now', other, 'tls'), other.password)
    deliverRaw(other, sampleMessage('Arrived just now'))
    const api = createMailApi(app.services)
    expect(await invokeMailMethod(api, 'checkNow', ['pop-now'])).toEqual({ ok: true, value: undefined })
    const inbox = app.services.mail.findMailboxByRole('pop-now', 'inbox')!
    const page = await app.services.mail.listMessages(inbox.id, { offset: 0, limit: 10 })
    expect(page.items.map((m) => m.subject)).toEqual(['Arrived just now'])

    await app.services.secrets.set(secretKey('pop-now', 'incoming'), 'wrong')
    const failed = await invokeMailMethod(api, 'checkNow', ['pop-now'])
    expect(failed).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } })
    expect(failed.ok ? '' : failed.error.detail?.serverResponse).toMatch(/^-ERR/)
  })
})
