/**
 * MessageView fixtures made the way the real store will make them: by parsing .eml files we wrote
 * (test/fixtures) with mailparser. Also an OriginalMessageSource over such files, for the compose
 * service until the mail store is wired in.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser'
import type { AttachmentInfo, MailAddress, MessageView } from '../../src/shared/model/mail'
import { AppError } from '../../src/shared/errors'
import type { OriginalMessageSource } from '../../src/main/core/compose/ports'

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'compose')

function addresses(field: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const list = field === undefined ? [] : Array.isArray(field) ? field : [field]
  return list.flatMap((o) =>
    o.value.flatMap((v) =>
      v.address ? [v.name ? { name: v.name, address: v.address } : { address: v.address }] : [],
    ),
  )
}

function refs(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : value.split(/\s+/).filter(Boolean)
}

export interface ParsedFixture {
  view: MessageView
  bytes: Map<string, Uint8Array>
  /** The whole source. */
  raw: Uint8Array
}

export async function messageViewFromEml(source: Buffer | string, id = 'msg-1'): Promise<ParsedFixture> {
  const parsed: ParsedMail = await simpleParser(source)
  const bytes = new Map<string, Uint8Array>()
  const attachments: AttachmentInfo[] = parsed.attachments.map((a, i) => {
    const attId = `att-${i + 1}`
    bytes.set(attId, new Uint8Array(a.content))
    return {
      id: attId,
      filename: a.filename ?? `part-${i + 1}`,
      saveName: a.filename ?? `part-${i + 1}`,
      contentType: a.contentType,
      size: a.size,
      contentId: a.contentId ? a.contentId.replace(/^<|>$/g, '') : null,
      inline: a.contentDisposition === 'inline' || a.related === true,
      isMessage: a.contentType === 'message/rfc822',
    }
  })
  const view: MessageView = {
    summary: {
      id,
      accountId: 'acc',
      mailboxId: 'inbox',
      subject: parsed.subject ?? '',
      from: addresses(parsed.from),
      to: addresses(parsed.to),
      cc: addresses(parsed.cc),
      date: parsed.date?.getTime() ?? 0,
      receivedAt: parsed.date?.getTime() ?? 0,
      flags: { seen: true, flagged: false, answered: false, draft: false },
      hasAttachments: attachments.length > 0,
      size: Buffer.byteLength(source),
      messageId: parsed.messageId ?? null,
      inReplyTo: parsed.inReplyTo ?? null,
      references: refs(parsed.references),
      preview: null,
      threadId: null,
      threadSize: 1,
    },
    bcc: addresses(parsed.bcc),
    replyTo: addresses(parsed.replyTo),
    text: parsed.text ?? null,
    html: typeof parsed.html === 'string' ? parsed.html : null,
    attachments,
    parseProblem: null,
    remoteContentAllowed: false,
  }
  return { view, bytes, raw: new Uint8Array(Buffer.from(source)) }
}

export async function fixtureView(name: string, id = name): Promise<ParsedFixture> {
  return messageViewFromEml(readFileSync(join(FIXTURES, name)), id)
}

/** An OriginalMessageSource over parsed fixtures, keyed by message id. */
export function fixtureSource(fixtures: Map<string, ParsedFixture>): OriginalMessageSource {
  const find = (id: string): ParsedFixture => {
    const f = fixtures.get(id)
    if (!f) throw new AppError('MESSAGE_NOT_FOUND', `No message ${id}`)
    return f
  }
  return {
    getMessage: (id) => Promise.resolve(find(id).view),
    getAttachmentBytes: (id, attachmentId) => {
      const b = find(id).bytes.get(attachmentId)
      if (!b) return Promise.reject(new AppError('MESSAGE_NOT_FOUND', `No attachment ${attachmentId}`))
      return Promise.resolve(b)
    },
    getRawMessage: (id) => Promise.resolve(find(id).raw),
  }
}
