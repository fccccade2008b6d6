import { afterEach, describe, expect, it } from 'vitest'
import { SERVER_FAMILIES } from '../servers/families'
import { MailWorld, testMessage } from './helpers/mail-world'

/**
 * Conversations across an IMAP account's mailboxes, and the answered mark reaching the server, on
 * each server family.
 */

const worlds: MailWorld[] = []
afterEach(async () => {
  for (const w of worlds.splice(0)) await w.close()
})

async function idsBySubject(w: MailWorld, path: string): Promise<Record<string, string>> {
  const page = await w.mail.listMessages(w.mailboxId(path), { offset: 0, limit: 100 })
  return Object.fromEntries(page.items.map((m) => [m.subject, m.id]))
}

describe.each(SERVER_FAMILIES)('threads on IMAP against $title', (family) => {
  it('joins the account’s mailboxes into conversations and marks the answered message on the server', async () => {
    const w = await MailWorld.open({ family })
    worlds.push(w)
    const stamp = Date.now()
    const root = `<root-${stamp}@example.test>`
    const first = `<first-${stamp}@example.test>`
    // What the person sent (in Sent), the answers in the Inbox, and an unrelated message.
    await w.append(
      'Sent',
      testMessage({ subject: 'Plans', from: 'reader@example.test', headers: { 'Message-ID': root } }),
    )
    await w.append(
      'INBOX',
      testMessage({
        subject: 'Re: Plans',
        headers: { 'Message-ID': first, 'In-Reply-To': root, References: root },
      }),
    )
    await w.append(
      'INBOX',
      testMessage({
        subject: 'Re: Re: Plans',
        headers: { 'In-Reply-To': first, References: `${root} ${first}` },
      }),
    )
    await w.append('INBOX', testMessage({ subject: 'Unrelated' }))
    await w.mail.syncAccount(w.account.id)

    const inbox = await idsBySubject(w, 'INBOX')
    const sent = await idsBySubject(w, 'Sent')
    const thread = await w.mail.getThread(inbox['Re: Re: Plans']!)
    expect(thread.map((m) => m.subject)).toEqual(['Plans', 'Re: Plans', 'Re: Re: Plans'])
    expect(thread[0]!.id).toBe(sent['Plans'])
    const rows = (await w.mail.listMessages(w.mailboxId('INBOX'), { offset: 0, limit: 10 })).items
    expect(Object.fromEntries(rows.map((m) => [m.subject, m.threadSize]))).toEqual({
      'Re: Plans': 3,
      'Re: Re: Plans': 3,
      Unrelated: 1,
    })
    expect((await w.mail.getThread(inbox['Unrelated']!)).map((m) => m.id)).toEqual([inbox['Unrelated']])

    // A reply to "Re: Plans" was sent: that message is answered, here and on the server.
    await w.mail.markReplied(w.account.id, first, 'answered')
    const [answered] = (
      await w.mail.listMessages(w.mailboxId('INBOX'), { offset: 0, limit: 10 })
    ).items.filter((m) => m.subject === 'Re: Plans')
    expect(answered?.flags.answered).toBe(true)
    await w.mail.markReplied(w.account.id, root, 'forwarded')
    await w.mail.flushActions(w.account.id)
    const inboxFlags = [...(await w.serverState('INBOX')).values()]
    expect(inboxFlags.filter((f) => f.includes('\\Answered'))).toHaveLength(1)
    expect([...(await w.serverState('Sent')).values()][0]).toContain('$Forwarded')

    // A sync afterwards keeps the marks (the server has them now).
    await w.mail.syncAccount(w.account.id)
    const again = (await w.mail.getThread(inbox['Re: Plans']!)).find((m) => m.subject === 'Re: Plans')
    expect(again?.flags.answered).toBe(true)
  })
})
