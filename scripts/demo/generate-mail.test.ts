import { simpleParser } from 'mailparser'
import { describe, expect, it } from 'vitest'
import { generateDemoMailbox } from './generate-mail'

const NOW = new Date('2026-03-10T12:00:00Z')

describe('generateDemoMailbox', () => {
  it('is deterministic: the same day and seed give the same messages', async () => {
    const [a, b] = await Promise.all([generateDemoMailbox(NOW), generateDemoMailbox(NOW)])
    expect(a.map((m) => m.raw.toString('base64'))).toEqual(b.map((m) => m.raw.toString('base64')))
    const other = await generateDemoMailbox(NOW, 7)
    expect(other.map((m) => m.raw.toString())).not.toEqual(a.map((m) => m.raw.toString()))
  })

  it('makes a few hundred realistic messages across folders, never dated after now', async () => {
    const messages = await generateDemoMailbox(NOW)
    expect(messages.length).toBeGreaterThanOrEqual(250)
    expect(messages.length).toBeLessThan(500)
    const folders = new Set(messages.map((m) => m.folder))
    for (const f of ['INBOX', 'Sent', 'Archive', 'Drafts', 'Junk', 'Newsletters', 'Projects/Website']) {
      expect(folders).toContain(f)
    }
    expect(messages.every((m) => m.date.getTime() <= NOW.getTime())).toBe(true)
    expect(
      messages.filter((m) => m.folder === 'INBOX' && !m.flags.includes('\\Seen')).length,
    ).toBeGreaterThan(5)
  })

  it('parses as real mail: threads, HTML with inline and remote images, attachments, many scripts', async () => {
    const parsed = await Promise.all(
      (await generateDemoMailbox(NOW)).map((m) => simpleParser(m.raw, { keepCidLinks: true })),
    )
    const replies = parsed.filter((p) => p.inReplyTo)
    expect(replies.length).toBeGreaterThan(20)
    expect(replies.every((r) => parsed.some((p) => p.messageId === r.inReplyTo))).toBe(true)
    const html = parsed.filter((p) => typeof p.html === 'string' && p.html.includes('cid:logo@demo'))
    expect(html.length).toBeGreaterThanOrEqual(20)
    expect(html[0]!.html).toMatch(/<img src="https:\/\/[^"]+\.jpg"/)
    expect(html[0]!.attachments.some((a) => a.cid === 'logo@demo' && a.contentType === 'image/png')).toBe(
      true,
    )
    const files = parsed.flatMap((p) => p.attachments.map((a) => a.contentType))
    expect(files).toEqual(
      expect.arrayContaining(['application/pdf', 'text/csv', 'text/calendar', 'message/rfc822']),
    )
    const text = parsed.map((p) => `${p.subject ?? ''} ${p.text ?? ''}`).join(' ')
    for (const sample of [
      /[äöüß]/,
      /[éè]/,
      /ñ|¿/,
      /[\u3040-\u30ff]/,
      /[\u0370-\u03ff]/,
      /[\u0400-\u04ff]/,
      /[\u0600-\u06ff]/,
      /[\u4e00-\u9fff]/,
    ]) {
      expect(text).toMatch(sample)
    }
    const pdf = parsed.flatMap((p) => p.attachments).find((a) => a.contentType === 'application/pdf')!
    expect(pdf.content.subarray(0, 8).toString()).toBe('%PDF-1.4')
  })
})
