import { simpleParser } from 'mailparser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { invokeMailMethod } from '../../src/main/ipc/register'
import { createMailApi } from '../../src/main/api/mail-api'
import type { DraftContent } from '../../src/shared/model/compose'
import { SERVER_FAMILIES } from '../servers/families'
import type { TestUser } from '../servers/mail-env'
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

describe.each(SERVER_FAMILIES)('sending through the real submission server of $title', (family) => {
  let app: SendingApp
  let sender: TestUser
  let bob: TestUser
  let carol: TestUser
  beforeAll(async () => {
    app = await startSendingApp()
    app.services.outbox.setSettings({ undoSeconds: 0 })
    sender = family.createTestUser('sender')
    bob = await knownUser('bob', family)
    carol = await knownUser('carol', family)
    await addAccount(app.services, stackAccount('acc', sender), sender.password)
  })
  afterAll(async () => {
    await app?.close()
  })

  function draftWith(over: Partial<DraftContent>): DraftContent {
    const d = app.services.compose.createDraft('acc', null)
    return { ...d, ...over }
  }

  it('delivers exactly one copy with non-ASCII text, the right headers and the attachment bytes', async () => {
    const { compose, outbox } = app.services
    const base = compose.createDraft('acc', null)
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 31 + 7) % 256)
    compose.addAttachment(base.id, {
      filename: 'Résumé 📎.bin',
      contentType: 'application/octet-stream',
      data: bytes,
    })
    const draft: DraftContent = {
      ...base,
      to: `"Bob, the Builder" <${bob.address}>`,
      cc: `Cärol <${carol.address}>`,
      subject: 'Grüße aus Köln – 東京 ✓',
      html: '<p>Hallo <b>Bob</b>, schöne Grüße! 日本語</p><blockquote><p>zitiert</p></blockquote>',
    }
    const queued = await compose.sendDraft(draft)
    expect(queued.state).toBe('queued')
    const done = await settled(app.services, queued.id)
    expect(done).toMatchObject({ state: 'sent', sentCopy: 'saved', attempts: 1 })

    const copies = await waitFor('delivery to bob', async () => {
      const c = await fetchByMessageId(bob, 'INBOX', queued.messageId)
      return c.length > 0 ? c : undefined
    })
    expect(copies).toHaveLength(1)
    const parsed = await simpleParser(copies[0]!)
    expect(parsed.messageId).toBe(queued.messageId)
    expect(parsed.subject).toBe('Grüße aus Köln – 東京 ✓')
    expect(parsed.from?.value[0]).toMatchObject({ name: 'Sënder Tëst', address: sender.address })
    expect(parsed.to && !Array.isArray(parsed.to) && parsed.to.value[0]).toMatchObject({
      name: 'Bob, the Builder',
      address: bob.address,
    })
    expect(parsed.html).toContain('<b>Bob</b>, schöne Grüße! 日本語')
    expect(parsed.text).toContain('Hallo Bob, schöne Grüße! 日本語')
    expect(parsed.text).toMatch(/^> zitiert$/m)
    expect(parsed.attachments).toHaveLength(1)
    expect(parsed.attachments[0]!.filename).toBe('Résumé 📎.bin')
    expect(Buffer.compare(parsed.attachments[0]!.content, Buffer.from(bytes))).toBe(0)
    expect(await fetchByMessageId(carol, 'INBOX', queued.messageId)).toHaveLength(1)

    // One Sent copy, the same bytes; the draft is gone; the recipients are remembered.
    const sent = await fetchByMessageId(sender, 'Sent', queued.messageId)
    expect(sent).toHaveLength(1)
    expect((await simpleParser(sent[0]!)).attachments[0]?.size).toBe(bytes.length)
    expect(compose.listDrafts().some((d) => d.id === base.id)).toBe(false)
    expect(compose.suggestAddresses('bob', 5)[0]).toEqual({ name: 'Bob, the Builder', address: bob.address })
    expect(outbox.get(queued.id)?.state).toBe('sent')
  })

  it('a rejected recipient stops the message, names the recipient with the server’s words, and leaves the draft intact', async () => {
    const { compose } = app.services
    const refused = family.refusedRecipient
    const draft = draftWith({
      to: `${bob.address}, ${refused.address}`,
      subject: 'Partly undeliverable',
      html: '<p>Keep me</p>',
    })
    const queued = await compose.sendDraft(draft)
    const done = await settled(app.services, queued.id)
    expect(done.state).toBe('failed')
    expect(done.lastError).toMatchObject({
      code: 'SERVER_REJECTED',
      retryable: false,
      detail: { recipient: refused.address },
    })
    expect(done.lastError?.detail?.serverResponse).toMatch(refused.response)
    // Nobody got it: the transaction was abandoned before the end of data. A later message to the
    // same mailbox arriving first shows delivery had its chance.
    const marker = await compose.sendDraft(draftWith({ to: bob.address, subject: 'marker' }))
    await settled(app.services, marker.id)
    await waitFor('the marker', async () =>
      (await fetchByMessageId(bob, 'INBOX', marker.messageId)).length > 0 ? true : undefined,
    )
    expect(await fetchByMessageId(bob, 'INBOX', queued.messageId)).toHaveLength(0)
    const back = compose.undoSend(queued.id)
    expect(back).toMatchObject({
      id: draft.id,
      state: 'editing',
      to: draft.to,
      subject: 'Partly undeliverable',
      html: '<p>Keep me</p>',
    })
    expect(app.services.outbox.get(queued.id)).toBeUndefined()
  })

  it('refuses header injection in every field, in core and at the IPC boundary', async () => {
    const { compose } = app.services
    const attempts: [keyof DraftContent, string][] = [
      ['subject', 'Hi\r\nBcc: victim@example.test'],
      ['to', `${bob.address}\r\nBcc: victim@example.test`],
      ['cc', `"Evil\nBcc: victim@example.test" <${bob.address}>`],
    ]
    for (const [field, value] of attempts) {
      await expect(compose.sendDraft(draftWith({ [field]: value }))).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        detail: { field },
      })
      const viaIpc = await invokeMailMethod(createMailApi(app.services), 'sendDraft', [
        draftWith({ to: bob.address, [field]: value }),
      ])
      expect(viaIpc).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', detail: { field: `draft.${field}` } },
      })
    }
    const badRef = draftWith({ to: bob.address, references: ['<a@b>\r\nX-Evil: 1'] })
    await expect(compose.sendDraft(badRef)).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    const file = {
      filename: 'x\r\nContent-Type: text/html',
      contentType: 'text/plain',
      data: new Uint8Array([1]),
    }
    const d = draftWith({})
    const viaIpc = await invokeMailMethod(createMailApi(app.services), 'addAttachment', [d.id, file])
    expect(viaIpc).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', detail: { field: 'file.filename' } },
    })
    expect(app.services.outbox.list().filter((i) => i.subject.includes('\n'))).toEqual([])
  })

  it('names the bad entry of an address field', async () => {
    await expect(
      app.services.compose.sendDraft(draftWith({ to: `${bob.address}, not an address` })),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', detail: { field: 'to', input: 'not an address' } })
  })
})
