import { afterEach, describe, expect, it } from 'vitest'
import { secretKey } from '../../src/main/core/accounts/account-secrets'
import type { Account } from '../../src/shared/model/account'
import { sampleAccount } from '../helpers/sample-account'
import { dovecotFamily } from '../servers/families'
import { MailWorld, testMessage } from './helpers/mail-world'
import { byMessageId, idsBySubject, subjectsIn } from './helpers/server-messages'

/**
 * Moving between accounts (issue 15 item 3): APPEND to the other account, the original removed
 * only after the server answered OK; a target that fails leaves every original in place.
 */

const worlds: MailWorld[] = []
afterEach(async () => {
  for (const w of worlds.splice(0)) await w.close()
})

/** A world whose services also hold a second account (the other user's mailbox, seen by `other`). */
async function twoAccounts(): Promise<{ w: MailWorld; other: MailWorld; second: Account }> {
  const w = await MailWorld.open({ family: dovecotFamily })
  const other = await MailWorld.open({ family: dovecotFamily })
  worlds.push(w, other)
  const base = sampleAccount('acct-second', other.user.address)
  const second: Account = { ...base, incoming: { ...other.account.incoming } }
  w.services.accounts.insert(second)
  await w.secrets.set(secretKey(second.id, 'incoming'), other.user.password)
  await (await other.admin()).mailboxCreate('Dest')
  for (const s of ['a', 'b', 'c']) await w.append('INBOX', testMessage({ subject: s }))
  await w.mail.syncAccount(w.account.id)
  await w.mail.syncAccount(second.id)
  return { w, other, second }
}

const destOf = (w: MailWorld, second: Account) => String(w.store.mailboxes.byPath(second.id, 'Dest')!.id)

describe('moving messages between accounts (Dovecot)', () => {
  it('copies to the other account, then removes the originals: same bytes, flags kept', async () => {
    const { w, other, second } = await twoAccounts()
    const before = await byMessageId(w, 'INBOX')
    const id = await idsBySubject(w, 'INBOX')
    await w.mail.setFlags([id['a']!], { flagged: true })
    const original = await w.mail.getMessageSource(id['a']!)
    await w.mail.moveMessages([id['a']!, id['b']!], destOf(w, second))
    await w.mail.flushActions(w.account.id)

    expect(await subjectsIn(w, 'INBOX')).toEqual(['c'])
    const dest = await byMessageId(other, 'Dest')
    const inbox = await byMessageId(w, 'INBOX')
    expect([...dest.keys(), ...inbox.keys()].sort()).toEqual([...before.keys()].sort())
    expect(inbox.size).toBe(1)
    const flagged = [...dest.values()].filter((m) => m.flags.includes('\\Flagged'))
    expect(flagged).toHaveLength(1)
    // The other account's folder shows them (synced after the APPEND).
    const page = await w.mail.listMessages(destOf(w, second), { offset: 0, limit: 10 })
    expect(page.items.map((m) => m.subject).sort()).toEqual(['a', 'b'])
    // Byte for byte: the source of a copied message equals the original's.
    const copy = page.items.find((m) => m.subject === 'a')!
    expect(await w.mail.getMessageSource(copy.id)).toBe(original)

    await w.mail.copyMessages([(await idsBySubject(w, 'INBOX'))['c']!], destOf(w, second))
    expect(await subjectsIn(w, 'INBOX')).toEqual(['c']) // a copy keeps the original
    expect((await byMessageId(other, 'Dest')).size).toBe(3)
  })

  it('leaves every original where it is when the target fails (deleted meanwhile)', async () => {
    const { w, other, second } = await twoAccounts()
    const dest = destOf(w, second)
    await (await other.admin()).mailboxDelete('Dest')
    const id = await idsBySubject(w, 'INBOX')
    // The server's refusal, typed and in its own words (whatever they are).
    await expect(w.mail.moveMessages([id['a']!, id['b']!], dest)).rejects.toMatchObject({
      code: expect.stringMatching(/^(MAILBOX_NOT_FOUND|SERVER_REJECTED)$/) as unknown,
      detail: { serverResponse: expect.any(String) as unknown },
    })
    await w.mail.flushActions(w.account.id)
    expect(await subjectsIn(w, 'INBOX')).toEqual(['a', 'b', 'c'])
    expect((await byMessageId(w, 'INBOX')).size).toBe(3)
    expect(w.store.queue.count(w.account.id)).toBe(0)
  })
})
