/**
 * A bounce filed with the sent message (issue 20 item 2): against the real Postfix and Dovecot, a
 * report that is already in the Inbox when the account is first synced is matched, joins the sent
 * message's conversation in place, is marked read, tells open views (delivery:changed) and gives
 * the Sent list its "not delivered" state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mailStack, type TestUser } from '../servers/mail-env'
import {
  addAccount,
  knownUser,
  settled,
  stackAccount,
  startSendingApp,
  waitFor,
  type SendingApp,
} from './helpers/sending'
import { imapClient } from './helpers/sending'

/** The IMAP flags of the INBOX message with this Message-ID. */
async function serverFlags(user: TestUser, messageId: string): Promise<string[]> {
  const client = imapClient(user)
  await client.connect()
  try {
    const lock = await client.getMailboxLock('INBOX')
    try {
      const uids = (await client.search({ header: { 'message-id': messageId } }, { uid: true })) || []
      if (uids.length === 0) return []
      const m = await client.fetchOne(String(uids[0]), { flags: true }, { uid: true })
      return m && m.flags ? [...m.flags] : []
    } finally {
      lock.release()
    }
  } finally {
    await client.logout()
  }
}

/** Whether a report naming `envid` is in the user's INBOX (on the server). */
async function reportArrived(user: TestUser, envid: string): Promise<boolean> {
  const client = imapClient(user)
  await client.connect()
  try {
    const lock = await client.getMailboxLock('INBOX')
    try {
      const uids = (await client.search({ body: envid }, { uid: true })) || []
      return uids.length > 0
    } finally {
      lock.release()
    }
  } finally {
    await client.logout()
  }
}

describe('a bounce filed with the message it reports on', () => {
  let app: SendingApp
  let sender: TestUser
  beforeAll(async () => {
    app = await startSendingApp()
    app.services.outbox.setSettings({ undoSeconds: 0 })
    sender = await knownUser('dsn-filing')
    // Added, and nothing synced yet: the first sync will find the report already there.
    await addAccount(app.services, stackAccount('acc', sender), sender.password)
  })
  afterAll(async () => {
    await app?.close()
  })

  it('a report found on the first sync is matched, read, in the conversation, and the Sent state says so', async () => {
    const { compose, mail, delivery, events } = app.services
    const changed: { accountId: string; messageIds: string[] }[] = []
    events.on('delivery:changed', (e) => changed.push(e))
    const nobody = `nobody-${Date.now()}@example.test`
    const item = await compose.sendDraft({
      ...compose.createDraft('acc', null),
      to: nobody,
      subject: 'Filed bounce',
    })
    expect(await settled(app.services, item.id)).toMatchObject({ state: 'sent' })
    await waitFor('the bounce on the server', async () =>
      (await reportArrived(sender, item.id)) ? true : undefined,
    )

    await mail.syncAccount('acc')
    await waitFor('the report matched', () =>
      delivery.statusFor(item.messageId).length > 0 ? true : undefined,
    )
    expect(delivery.sentStates([item.messageId, '<unknown@x>'])).toEqual({
      [item.messageId]: 'not-delivered',
    })
    expect(changed).toContainEqual({ accountId: 'acc', messageIds: [item.messageId] })

    // In the sent message's conversation, in place: the report is listed with it.
    const sent = mail.findMailboxByRole('acc', 'sent')!
    await waitFor('the Sent copy in the store', async () => {
      await mail.refreshMailbox(sent.id)
      const page = await mail.listMessages(sent.id, { offset: 0, limit: 20 })
      return page.items.find((m) => m.messageId === item.messageId)
    }).then(async (sentRow) => {
      const thread = await mail.getThread(sentRow.id)
      expect(thread.map((m) => m.messageId)).toContain(item.messageId)
      const report = thread.find((m) => m.messageId !== item.messageId)
      expect(report?.subject).toMatch(/Undelivered Mail/i)
      expect(report?.flags.seen).toBe(true)
    })
    // Read on the server too: it is no unread stranger in the Inbox.
    const inbox = mail.findMailboxByRole('acc', 'inbox')!
    const rows = (await mail.listMessages(inbox.id, { offset: 0, limit: 20 })).items
    const reportRow = rows.find((m) => /Undelivered Mail/i.test(m.subject))!
    expect(reportRow.flags.seen).toBe(true)
    await mail.flushActions('acc')
    expect(await serverFlags(sender, reportRow.messageId!)).toContain('\\Seen')
  })

  it('a report downloaded over POP3 is matched and filed in the local conversation', async () => {
    const { compose, mail, delivery } = app.services
    const popUser = await knownUser('dsn-pop')
    const pop = stackAccount('pop', popUser)
    pop.incoming = { ...pop.incoming, protocol: 'pop3', port: mailStack().ports.pop3s }
    await addAccount(app.services, pop, popUser.password)
    const nobody = `nobody-pop-${Date.now()}@example.test`
    const item = await compose.sendDraft({
      ...compose.createDraft('pop', null),
      to: nobody,
      subject: 'POP3 bounce',
    })
    expect(await settled(app.services, item.id)).toMatchObject({ state: 'sent', sentCopy: 'saved' })
    await waitFor('the bounce on the server', async () =>
      (await reportArrived(popUser, item.id)) ? true : undefined,
    )
    await app.services.pop3.checkNow('pop')
    await waitFor('the report matched', () =>
      delivery.statusFor(item.messageId).length > 0 ? true : undefined,
    )
    expect(delivery.sentStates([item.messageId])).toEqual({ [item.messageId]: 'not-delivered' })
    const sent = mail.findMailboxByRole('pop', 'sent')!
    const sentRow = (await mail.listMessages(sent.id, { offset: 0, limit: 20 })).items.find(
      (m) => m.messageId === item.messageId,
    )!
    const thread = await waitFor('the report in the conversation', async () => {
      const t = await mail.getThread(sentRow.id)
      return t.length > 1 ? t : undefined
    })
    expect(thread.find((m) => m.messageId !== item.messageId)).toMatchObject({ flags: { seen: true } })
  })
})
