import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { parseAddress, type ParsedAddress } from '../../../shared/mail/addresses'
import { buildMessage } from './build-message'
import { parseMessage } from './parse-message'

const a = (s: string): ParsedAddress => parseAddress(s)!

/** What the editor (TipTap) gives for "line one⏎line two⏎⏎line three", then a quote and a signature. */
const EDITOR_HTML =
  '<p>line one</p><p>line two</p><p></p><p>line three</p>' +
  '<blockquote><p>quoted one</p><p>quoted two</p></blockquote><p></p><p>-- <br>Sig</p>'

describe('the text alternative of a composed message, built and read back', () => {
  it('has one line per Enter and keeps blank lines, as typed', async () => {
    const built = await buildMessage(
      {
        from: a('me@example.test'),
        to: [a('you@example.test')],
        cc: [],
        bcc: [],
        subject: 'typed',
        html: EDITOR_HTML,
        text: '',
        inReplyTo: null,
        references: [],
        attachments: [],
      },
      { messageId: '<typed@example.test>', date: new Date(0) },
    )
    const m = await parseMessage(
      () => Readable.from([built.raw]),
      built.raw.length,
      () => built.raw,
    )
    expect(m.text?.trim()).toBe('line one\nline two\n\nline three\n> quoted one\n> quoted two\n\n-- \nSig')
    expect(m.html).toContain('<p>line one</p><p>line two</p>')
  })
})
