/**
 * Forward as attachment, and drafts another client left in the Drafts folder, against each real
 * server family (Dovecot and Postfix, Cyrus and Exim): what the recipient's INBOX and the sender's
 * Drafts folder hold afterwards.
 */
import { simpleParser } from 'mailparser'
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Services } from '../../src/main/services'
import { SERVER_FAMILIES } from '../servers/families'
import type { TestUser } from '../servers/mail-env'
import {
  addAccount,
  fetchByMessageId,
  imapClient,
  knownUser,
  messageIdsIn,
  settled,
  stackAccount,
  startSendingApp,
  waitFor,
  type SendingApp,
} from './helpers/sending'

const PDF = Buffer.from('%PDF-1.4\n% forwarded bytes \u00e9\n%%EOF\n', 'latin1')

function rawMessage(o: {
  from: string
  to: string
  subject: string
  messageId: string | null
  body: string
}) {
  return Buffer.from(
    [
      `From: Alice Original <${o.from}>`,
      `To: ${o.to}`,
      'Cc: Carol <carol@example.test>',
      `Subject: ${o.subject}`,
      'Date: Tue, 24 Nov 2026 10:00:00 +0000',
      ...(o.messageId ? [`Message-ID: ${o.messageId}`] : []),
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      o.body,
      '--b1',
      'Content-Type: application/pdf; name="notes.pdf"',
      'Content-Disposition: attachment; filename="notes.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      PDF.toString('base64'),
      '--b1--',
      '',
    ].join('\r\n'),
  )
}

/** Another client's APPEND (RFC 3501 §6.3.11), as a second session of the same user. */
async function appendAs(user: TestUser, mailbox: string, raw: Buffer, flags: string[]): Promise<void> {
  const client = imapClient(user)
  await client.connect()
  try {
    await client.append(mailbox, raw, flags)
  } finally {
    await client.logout()
  }
}

async function flagsOf(user: TestUser, mailbox: string, messageId: string): Promise<Set<string>> {
  const client = imapClient(user)
  await client.connect()
  try {
    const lock = await client.getMailboxLock(mailbox)
    try {
      const uids = (await client.search({ header: { 'message-id': messageId } }, { uid: true })) || []
      const flags = new Set<string>()
      if (uids.length === 0) return flags
      for await (const m of client.fetch(uids.join(','), { flags: true }, { uid: true })) {
        for (const f of m.flags ?? []) flags.add(f)
      }
      return flags
    } finally {
      lock.release()
    }
  } finally {
    await client.logout()
  }
}

/** The stored row of the message with this Message-ID in the account's folder, after a sync. */
async function storedId(services: Services, role: 'inbox' | 'drafts', messageId: string): Promise<string> {
  return waitFor(`the ${role} message to be stored`, async () => {
    await services.mail.syncAccount('acc')
    const box = services.mail.findMailboxByRole('acc', role)
    if (!box) return undefined
    const page = await services.mail.listMessages(box.id, { offset: 0, limit: 100 })
    return page.items.find((m) => m.messageId === messageId)?.id
  })
}

describe.each(SERVER_FAMILIES)('forward as attachment and drafts from other clients on $title', (family) => {
  let alice: TestUser
  let bob: TestUser
  let app: SendingApp
  beforeAll(async () => {
    alice = await knownUser('fwd-alice', family)
    bob = await knownUser('fwd-bob', family)
    app = await startSendingApp()
    await addAccount(app.services, stackAccount('acc', alice), alice.password)
    app.services.outbox.setSettings({ undoSeconds: 0 })
  })
  afterAll(() => app.close())

  it('forwards the original whole as a message/rfc822 part and marks it $Forwarded', async () => {
    const messageId = `<orig-${randomUUID()}@example.test>`
    const body = 'The original text, ünïcode kept.'
    await appendAs(
      alice,
      'INBOX',
      rawMessage({
        from: 'orig@example.test',
        to: alice.address,
        subject: 'Fwd: Fw: Plans',
        messageId,
        body,
      }),
      [],
    )
    const id = await storedId(app.services, 'inbox', messageId)
    const draft = await app.services.compose.createReply(id, 'forwardAsAttachment')
    expect(draft.subject).toBe('Fwd: Plans')
    expect(draft.text).not.toContain('The original text')
    expect(draft.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['Fwd_ Fw_ Plans.eml', 'message/rfc822'],
    ])

    const item = await app.services.compose.sendDraft({ ...draft, to: bob.address })
    expect(await settled(app.services, item.id)).toMatchObject({ state: 'sent' })
    const copies = await waitFor('the forward', async () => {
      const c = await fetchByMessageId(bob, 'INBOX', item.messageId)
      return c.length > 0 ? c : undefined
    })
    expect(copies).toHaveLength(1)
    const outer = await simpleParser(copies[0]!)
    expect(outer.subject).toBe('Fwd: Plans')
    const parts = outer.attachments.filter((a) => a.contentType === 'message/rfc822')
    expect(parts).toHaveLength(1)
    const inner = await simpleParser(parts[0]!.content)
    expect(inner.messageId).toBe(messageId)
    expect(inner.subject).toBe('Fwd: Fw: Plans')
    expect(inner.text?.trim()).toBe(body)
    expect(inner.attachments[0]?.content.equals(PDF)).toBe(true)

    await waitFor('the original to be marked forwarded', async () =>
      (await flagsOf(alice, 'INBOX', messageId)).has('$Forwarded') ? true : undefined,
    )
  })

  it('opens a draft another client saved, replaces its server copy on save, and removes it on send', async () => {
    const messageId = `<other-client-${randomUUID()}@example.test>`
    const body = 'Half written elsewhere – fïnish me.'
    await appendAs(
      alice,
      'Drafts',
      rawMessage({
        from: alice.address,
        to: `Bob <${bob.address}>`,
        subject: 'From my phone',
        messageId,
        body,
      }),
      ['\\Draft', '\\Seen'],
    )
    const id = await storedId(app.services, 'drafts', messageId)
    const draft = await app.services.compose.editDraftMessage(id)
    expect(draft).toMatchObject({ subject: 'From my phone', format: 'plain', identityId: 'acc-main' })
    expect(draft.to).toContain(bob.address)
    expect(draft.cc).toContain('carol@example.test')
    expect(draft.text.trim()).toBe(body)
    expect(draft.attachments.map((a) => [a.filename, a.size])).toEqual([['notes.pdf', PDF.length]])
    // Opening it again opens the same draft rather than a second one.
    expect((await app.services.compose.editDraftMessage(id)).id).toBe(draft.id)

    const edited = { ...draft, cc: '', subject: 'From my phone, finished', text: `${body}\nDone.` }
    await app.services.compose.closeDraft(edited)
    // One copy: the new version replaced the other client's.
    expect(await messageIdsIn(alice, 'Drafts')).toEqual([messageId])
    const [saved] = await fetchByMessageId(alice, 'Drafts', messageId)
    expect((await simpleParser(saved!)).subject).toBe('From my phone, finished')

    const item = await app.services.compose.sendDraft(edited)
    expect(await settled(app.services, item.id)).toMatchObject({ state: 'sent' })
    const copies = await waitFor('the sent draft', async () => {
      const c = await fetchByMessageId(bob, 'INBOX', item.messageId)
      return c.length > 0 ? c : undefined
    })
    expect(copies).toHaveLength(1)
    const received = await simpleParser(copies[0]!)
    expect(received.subject).toBe('From my phone, finished')
    expect(received.text).toContain('Done.')
    expect(received.attachments[0]?.content.equals(PDF)).toBe(true)
    await waitFor('the Drafts copy to go', async () =>
      (await messageIdsIn(alice, 'Drafts')).length === 0 ? true : undefined,
    )
    expect(app.services.compose.listDrafts().some((d) => d.id === draft.id)).toBe(false)
  })

  it('adopts a draft without a Message-ID: its first copy is saved and the old one leaves Drafts', async () => {
    const subject = `No id ${randomUUID()}`
    await appendAs(
      alice,
      'Drafts',
      rawMessage({ from: alice.address, to: bob.address, subject, messageId: null, body: 'no id' }),
      ['\\Draft'],
    )
    const id = await waitFor('the draft without an id', async () => {
      await app.services.mail.syncAccount('acc')
      const box = app.services.mail.findMailboxByRole('acc', 'drafts')!
      const page = await app.services.mail.listMessages(box.id, { offset: 0, limit: 100 })
      return page.items.find((m) => m.subject === subject)?.id
    })
    const draft = await app.services.compose.editDraftMessage(id)
    expect(draft.subject).toBe(subject)
    await waitFor('one copy, ours', async () => {
      const ids = await messageIdsIn(alice, 'Drafts')
      return ids.length === 1 && ids[0] !== '' ? true : undefined
    })
    await app.services.compose.deleteDraft(draft.id)
    expect(await messageIdsIn(alice, 'Drafts')).toEqual([])
  })
})
