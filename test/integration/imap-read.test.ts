import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { MailWorld, testMessage } from './helpers/mail-world'

/** Reading messages synced from the real Dovecot: bodies on demand, sources, attachments. */

const fixture = (name: string) => readFileSync(new URL(`../fixtures/mime/${name}`, import.meta.url), 'latin1')
const worlds: MailWorld[] = []
const dirs: string[] = []
afterEach(async () => {
  for (const w of worlds.splice(0)) await w.close()
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

async function syncedWorld(saveTo?: string): Promise<MailWorld> {
  const w = await MailWorld.open({
    saveDialog: { chooseSavePath: (name) => Promise.resolve(saveTo ? join(saveTo, name) : null) },
  })
  worlds.push(w)
  return w
}

async function bySubject(w: MailWorld, subject: string) {
  const page = await w.mail.listMessages(w.mailboxId('INBOX'), { offset: 0, limit: 100 })
  const found = page.items.find((m) => m.subject === subject)
  if (!found) throw new Error(`no message "${subject}" in ${page.items.map((m) => m.subject).join(', ')}`)
  return found
}

describe('reading IMAP messages', () => {
  it('fetches a body on demand, caches it, and shows HTML, cid: images, attachments and an attached message', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mailroom-save-'))
    dirs.push(dir)
    const w = await syncedWorld(dir)
    await w.append('INBOX', fixture('html-cid-rfc822.eml'))
    await w.mail.syncAccount(w.account.id)
    const summary = await bySubject(w, 'Inline image and a forwarded message')
    expect(summary).toMatchObject({
      hasAttachments: true,
      from: [{ name: 'Sender Name', address: 'sender@example.test' }],
      messageId: '<outer@example.test>',
      inReplyTo: '<parent@example.test>',
      references: ['<root@example.test>', '<parent@example.test>'],
      date: Date.UTC(2003, 6, 2, 8, 0, 0),
      flags: { seen: false, flagged: false, answered: false, draft: false },
    })

    const view = await w.mail.getMessage(summary.id)
    expect(view.html).toContain('<script>alert(1)</script>') // sanitizing is the renderer's job
    expect(view.html).toMatch(/src="data:image\/png;base64,/)
    expect(view.text).toContain('Hello there')
    expect(view.replyTo).toEqual([{ address: 'replies@example.test' }])
    expect(view.parseProblem).toBeNull()
    expect(view.remoteContentAllowed).toBe(false)
    const pdf = view.attachments.find((a) => a.filename === 'report.pdf')!
    const eml = view.attachments.find((a) => a.isMessage)!
    expect(view.attachments.find((a) => a.inline)?.contentId).toBe('logo@example.test')

    // getMessage does not mark the message read; attachments and the attached message come from the cache.
    expect(new TextDecoder().decode(await w.mail.getAttachmentBytes(summary.id, pdf.id))).toBe(
      '%PDF-1.4 fake pdf bytes',
    )
    const inner = await w.mail.openAttachedMessage(summary.id, eml.id)
    expect(inner.summary).toMatchObject({ subject: 'The inner message', messageId: '<inner@example.test>' })
    expect(inner.text?.trim()).toBe('Inner body text.')
    expect((await w.mail.getMessage(inner.summary.id)).summary.subject).toBe('The inner message')
    expect(await w.mail.getMessageSource(summary.id)).toContain('Message-ID: <outer@example.test>')
    expect((await w.mail.listMessages(w.mailboxId('INBOX'), { offset: 0, limit: 1 })).items[0]).toMatchObject(
      {
        flags: { seen: false },
        preview: expect.stringContaining('Hello there') as unknown,
      },
    )

    expect(await w.mail.saveAttachment(summary.id, pdf.id)).toEqual({ saved: true })
    expect(readFileSync(join(dir, 'report.pdf'), 'utf8')).toBe('%PDF-1.4 fake pdf bytes')

    await w.mail.allowRemoteContent(summary.id, 'sender')
    expect((await w.mail.getMessage(summary.id)).remoteContentAllowed).toBe(true)
  })

  it('dates a message with an unparseable Date by the server received date; broken messages stay listed', async () => {
    const w = await syncedWorld()
    const received = new Date(Date.UTC(2021, 4, 6, 7, 8, 9))
    await w.append(
      'INBOX',
      testMessage({ subject: 'bad date', date: 'the day after tomorrow' }),
      [],
      received,
    )
    await w.append('INBOX', fixture('garbage.eml'), [], received)
    await w.append('INBOX', fixture('broken-multipart.eml'))
    await w.mail.syncAccount(w.account.id)

    const bad = await bySubject(w, 'bad date')
    expect(bad.date).toBe(received.getTime())
    expect(bad.receivedAt).toBe(received.getTime())
    expect((await w.mail.getMessage(bad.id)).summary.date).toBe(received.getTime())

    const page = await w.mail.listMessages(w.mailboxId('INBOX'), { offset: 0, limit: 10 })
    expect(page.total).toBe(3)
    const garbage = page.items.find((m) => m.subject === '')!
    const view = await w.mail.getMessage(garbage.id)
    expect(view.parseProblem).not.toBeNull()
    expect(view.text).toContain('still garbage here')
    expect(await w.mail.getMessageSource(garbage.id)).toContain('this is not a message at all')

    const broken = await w.mail.getMessage((await bySubject(w, 'broken multipart')).id)
    expect(broken.text).toContain('The only real text of this message.')
  })

  it('cancels a save when the person closes the dialog', async () => {
    const w = await syncedWorld()
    await w.append('INBOX', fixture('html-cid-rfc822.eml'))
    await w.mail.syncAccount(w.account.id)
    const summary = await bySubject(w, 'Inline image and a forwarded message')
    const pdf = (await w.mail.getMessage(summary.id)).attachments.find((a) => a.filename === 'report.pdf')!
    expect(await w.mail.saveAttachment(summary.id, pdf.id)).toEqual({ saved: false })
  })
})
