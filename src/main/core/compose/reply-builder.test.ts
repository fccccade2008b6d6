import { describe, expect, it } from 'vitest'
import type { Account } from '../../../shared/model/account'
import { parseAddressList } from '../../../shared/mail/addresses'
import { sampleAccount } from '../../../../test/helpers/sample-account'
import { fixtureView } from '../../../../test/helpers/message-view'
import { buildForward, buildReply, threadHeaders } from './reply-builder'
import { forwardSubject, replySubject } from './subject'

const formatDate = (ms: number) => new Date(ms).toISOString()

function me(): Account {
  const account = sampleAccount('me', 'me@example.test')
  account.identities.push({
    id: 'alias',
    name: 'Alias Me',
    address: 'alias@example.test',
    signature: 'Alias',
  })
  account.identities[0]!.signature = 'Me\nExample Ltd.'
  return account
}

const addressesOf = (list: string) => parseAddressList(list).addresses.map((a) => a.address)

describe('subjects', () => {
  it('adds one prefix and never piles them up', () => {
    expect(replySubject('Hello')).toBe('Re: Hello')
    expect(replySubject('Re: RE: AW: Re[2]: Hello')).toBe('Re: Hello')
    expect(replySubject('Fwd: Hello')).toBe('Re: Fwd: Hello')
    expect(forwardSubject('Fwd: FW: Hello')).toBe('Fwd: Hello')
    expect(forwardSubject('Re: Hello')).toBe('Fwd: Re: Hello')
    expect(replySubject('Reunion')).toBe('Re: Reunion')
    expect(replySubject('')).toBe('Re: ')
  })
})

describe('reply', () => {
  it('threads under the original (RFC 5322 §3.6.4) and goes to Reply-To', async () => {
    const { view } = await fixtureView('thread-reply.eml')
    const seed = buildReply(view, me(), 'reply', { formatDate })
    expect(seed.inReplyTo).toBe('<third@example.test>')
    expect(seed.references).toEqual(['<first@example.test>', '<second@example.test>', '<third@example.test>'])
    expect(seed.subject).toBe('Re: Quarterly numbers')
    expect(addressesOf(seed.to)).toEqual(['desk@example.test'])
    expect(seed.cc).toBe('')
  })

  it('reply all keeps everyone but the person’s own addresses, without duplicates', async () => {
    const { view } = await fixtureView('thread-reply.eml')
    const seed = buildReply(view, me(), 'replyAll', { formatDate })
    expect(addressesOf(seed.to)).toEqual(['desk@example.test', 'bob@example.test'])
    expect(addressesOf(seed.cc)).toEqual(['carol@example.test'])
    expect(parseAddressList(seed.cc).addresses[0]?.name).toBe('Doe, Carol')
  })

  it('quotes with a header line, in text and HTML, after the identity’s signature', async () => {
    const { view } = await fixtureView('thread-reply.eml')
    const seed = buildReply(view, me(), 'reply', { formatDate })
    // Addressed to me@ first: the reply comes from that identity, with its signature.
    expect(seed.identityId).toBe('me-main')
    expect(seed.text).toContain('-- \nMe\nExample Ltd.')
    expect(seed.text).toContain(
      'On 2026-03-03T10:15:00.000Z, Ann Example wrote:\n> Here are the numbers.\n>> earlier quote',
    )
    expect(seed.text.indexOf('-- \n')).toBeLessThan(seed.text.indexOf('wrote:'))
    expect(seed.html).toContain(
      '<p>On 2026-03-03T10:15:00.000Z, Ann Example wrote:</p><blockquote type="cite">',
    )
    // The quoted HTML is passed on unsanitized: the renderer's sanitizer (the reader's) handles it.
    expect(seed.html).toContain('<b>numbers</b>')
  })

  it('comes from the identity the original was addressed to, with that identity’s signature', async () => {
    const { view } = await fixtureView('thread-reply.eml')
    view.summary.to = [{ name: 'Desk', address: 'desk@example.test' }]
    view.summary.cc = [{ address: 'ALIAS@Example.test' }]
    const seed = buildReply(view, me(), 'replyAll', { formatDate })
    expect(seed.identityId).toBe('alias')
    expect(seed.text).toContain('-- \nAlias\n')
    expect(seed.text).not.toContain('Example Ltd.')
    // Not addressed to any identity (a list, a Bcc): the default one.
    view.summary.cc = []
    expect(buildReply(view, me(), 'reply', { formatDate }).identityId).toBe('me-main')
  })

  it('answering one’s own sent message goes to its recipients', async () => {
    const { view } = await fixtureView('thread-reply.eml')
    view.summary.from = [{ address: 'me@example.test' }]
    view.replyTo = []
    const seed = buildReply(view, me(), 'reply', { formatDate })
    expect(addressesOf(seed.to)).toEqual(['bob@example.test'])
  })

  it('falls back to In-Reply-To when the parent has no References', () => {
    const view = {
      summary: { messageId: '<b@x>', inReplyTo: '<a@x>', references: [] as string[] },
    } as unknown as Parameters<typeof threadHeaders>[0]
    expect(threadHeaders(view)).toEqual({ inReplyTo: '<b@x>', references: ['<a@x>', '<b@x>'] })
  })
})

describe('forward', () => {
  it('keeps inline and attached files, prefixes Fwd once and shows the original headers', async () => {
    const { view } = await fixtureView('with-attachments.eml')
    const seed = buildForward(view, me(), { formatDate })
    expect(seed.subject).toBe('Fwd: Photos')
    expect(seed.to).toBe('')
    expect(seed.inReplyTo).toBeNull()
    expect(seed.attachments.map((a) => [a.filename, a.inline, a.contentId])).toEqual([
      ['logo.png', true, 'logo@example.test'],
      ['report.pdf', false, null],
    ])
    expect(seed.text).toContain('---------- Forwarded message ----------\nFrom: Dan <dan@example.test>')
    expect(seed.html).toContain('Subject: Fwd: Photos')
  })

  it('escapes the original header fields in HTML', async () => {
    const { view } = await fixtureView('with-attachments.eml')
    view.summary.subject = '<img src=x onerror=alert(1)>'
    const seed = buildForward(view, me(), { formatDate })
    expect(seed.html).not.toContain('<img src=x')
    expect(seed.html).toContain('&#60;img src=x onerror=alert(1)&#62;')
  })
})
