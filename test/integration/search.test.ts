import { afterEach, describe, expect, it } from 'vitest'
import { createMailApi } from '../../src/main/api/mail-api'
import { MailWorld, testMessage } from './helpers/mail-world'

/** Search over mail synced from the real Dovecot, through the MailApi facade the renderer calls. */

const worlds: MailWorld[] = []
afterEach(async () => {
  for (const w of worlds.splice(0)) await w.close()
})

describe('search over synced mail', () => {
  it('finds messages by subject word, sender name and address prefix, with their folder', async () => {
    const w = await MailWorld.open()
    worlds.push(w)
    const admin = await w.admin()
    await admin.mailboxCreate('Projects')
    await w.deliver(
      testMessage({ subject: 'Quarterly invoice', from: '"Zoë Ånström" <zoe.anstrom@shop.example>' }),
    )
    await w.append('INBOX', testMessage({ subject: 'Lunch plans', from: 'Bob Baker <bob@bakery.example>' }))
    await w.append(
      'Projects',
      testMessage({
        subject: 'Re: invoice (NEAR "final")',
        from: 'Carol <carol@example.test>',
        to: 'zoe.anstrom@shop.example',
      }),
    )

    await w.mail.syncAccount(w.account.id)
    const api = createMailApi(w.services)
    const subjects = async (query: string, accountId?: string) =>
      (await api.searchMessages(query, accountId ? { accountId } : {})).items.map((m) => m.subject)

    expect(await subjects('invoice')).toEqual(['Re: invoice (NEAR "final")', 'Quarterly invoice'])
    expect(await subjects('zoe')).toEqual(['Re: invoice (NEAR "final")', 'Quarterly invoice'])
    expect(await subjects('from:zoe')).toEqual(['Quarterly invoice'])
    expect(await subjects('Baker')).toEqual(['Lunch plans'])
    expect(await subjects('bob@bak')).toEqual(['Lunch plans'])
    expect(await subjects('NEAR "final')).toEqual(['Re: invoice (NEAR "final")'])
    expect(await subjects('lunch', 'someone-else')).toEqual([])

    const [hit] = (await api.searchMessages('carol', { accountId: w.account.id })).items
    expect(hit).toMatchObject({ mailboxName: 'Projects', mailboxId: w.mailboxId('Projects') })
    // A result opens like any list row.
    expect((await api.getMessage(hit!.id)).summary.subject).toBe('Re: invoice (NEAR "final")')

    // Expunged on the server: gone from the store, gone from the results.
    const lock = await admin.getMailboxLock('INBOX')
    try {
      await admin.messageDelete('1:*')
    } finally {
      lock.release()
    }
    await w.mail.syncAccount(w.account.id)
    expect(await subjects('bob')).toEqual([])
    expect(await subjects('invoice')).toEqual(['Re: invoice (NEAR "final")'])
  })
})
