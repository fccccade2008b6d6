import { describe, expect, it } from 'vitest'
import type { Account } from '../../../shared/model/account'
import { sampleAccount } from '../../../../test/helpers/sample-account'
import { fixtureView, messageViewFromEml } from '../../../../test/helpers/message-view'
import { seedFromDraftMessage } from './draft-from-message'
import { buildForwardAsAttachment, emlFileName } from './reply-builder'

function me(): Account {
  const account = sampleAccount('me', 'me@example.test')
  account.identities.push({
    id: 'alias',
    name: 'Alias',
    address: 'alias@example.test',
    signature: 'Alias sig',
  })
  return account
}

describe('forward as attachment', () => {
  it('has an empty body but the signature, one Fwd: prefix, and the original last in References', async () => {
    const { view } = await fixtureView('thread-reply.eml')
    const seed = buildForwardAsAttachment(view, me())
    expect(seed.subject).toBe('Fwd: Re: RE: AW: Quarterly numbers')
    expect(
      buildForwardAsAttachment({ ...view, summary: { ...view.summary, subject: 'FW: Fwd: x' } }, me())
        .subject,
    ).toBe('Fwd: x')
    expect(seed.text).not.toContain('Here are the numbers')
    expect(seed.html).not.toContain('Here are the numbers')
    expect(seed.inReplyTo).toBeNull()
    expect(seed.references.at(-1)).toBe('<third@example.test>')
    expect(seed.attachments).toEqual([])
  })

  it('names the file after the subject, without characters file systems refuse', () => {
    expect(emlFileName('Re: a/b <c>?')).toBe('Re_ a_b _c__.eml')
    expect(emlFileName('  ')).toBe('message.eml')
    expect(emlFileName('..hidden')).toBe('hidden.eml')
    expect(emlFileName('x'.repeat(500))).toHaveLength(124)
  })
})

describe('a draft made by another client', () => {
  const raw = [
    'From: Alias <alias@example.test>',
    'To: Bob <bob@example.test>, "Doe, Carol" <carol@example.test>',
    'Cc: dan@example.test',
    'Bcc: eve@example.test',
    'Subject: Half done',
    'Message-ID: <phone-1@example.test>',
    'In-Reply-To: <parent@example.test>',
    'References: <root@example.test> not-an-id <parent@example.test>',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Body so far.',
    '',
  ].join('\r\n')

  it('keeps its people, subject, body, threading and Message-ID, written from the identity it names', async () => {
    const { view } = await messageViewFromEml(raw)
    const seed = seedFromDraftMessage(view, me())
    expect(seed).toMatchObject({
      identityId: 'alias',
      subject: 'Half done',
      format: 'plain',
      inReplyTo: '<parent@example.test>',
      serverMessageId: '<phone-1@example.test>',
    })
    expect(seed.to).toContain('bob@example.test')
    expect(seed.to).toContain('carol@example.test')
    expect(seed.cc).toContain('dan@example.test')
    expect(seed.bcc).toContain('eve@example.test')
    expect(seed.text.trim()).toBe('Body so far.')
    expect(seed.references.every((r) => /^<[^<>\s]+>$/.test(r))).toBe(true)
  })

  it('takes no Message-ID it could not find again, and the first identity when From is not one', async () => {
    const other = raw.replace('<phone-1@example.test>', '<has space@x>').replace('alias@', 'someone@')
    const { view } = await messageViewFromEml(other)
    const seed = seedFromDraftMessage(
      { ...view, summary: { ...view.summary, messageId: '<has space@x>' } },
      me(),
    )
    expect(seed.serverMessageId).toBeNull()
    expect(seed.identityId).toBe(me().identities[0]!.id)
  })
})
