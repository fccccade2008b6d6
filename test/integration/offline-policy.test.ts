import { afterEach, describe, expect, it } from 'vitest'
import { createMailApi } from '../../src/main/api/mail-api'
import { MailWorld, testMessage } from './helpers/mail-world'

/**
 * The per-account offline policy (issue 17 item 1) with the engine running against Dovecot: the
 * account's own period decides which bodies the background download stores, a change wakes the
 * engine at once, and the accounts page's size follows what is stored.
 */

const worlds: MailWorld[] = []
afterEach(async () => {
  for (const w of worlds.splice(0)) await w.close()
})

describe('per-account offline bodies', () => {
  it('keeps the chosen period; "all mail" downloads the older bodies at once', async () => {
    const w = await MailWorld.open({ start: false, engine: { prefetchCount: 1 } })
    worlds.push(w)
    const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000)
    await w.append(
      'INBOX',
      testMessage({ subject: 'Recent', body: 'fresh words', date: daysAgo(5) }),
      [],
      daysAgo(5),
    )
    await w.append(
      'INBOX',
      testMessage({ subject: 'Spring', body: 'older words', date: daysAgo(60) }),
      [],
      daysAgo(60),
    )
    await w.append(
      'INBOX',
      testMessage({ subject: 'Ancient', body: 'oldest words', date: daysAgo(400) }),
      [],
      daysAgo(400),
    )
    const api = createMailApi(w.services)
    const id = w.account.id
    const stored = () =>
      w.services.db
        .prepare<[], string>('SELECT subject FROM mail_messages WHERE has_source = 1 ORDER BY subject')
        .pluck()
        .all()

    expect(await api.getOfflineBodies(id)).toEqual({ policy: { days: 90 }, storedBytes: 0 })
    expect(await api.setOfflineBodies(id, { days: 30 })).toMatchObject({ policy: { days: 30 } })
    w.mail.start()
    await w.until('the recent body stored', () => stored().includes('Recent'), 30_000)
    await w.mail.syncAccount(id)
    // A full cycle later, still only the last 30 days.
    await new Promise((r) => setTimeout(r, 1000))
    expect(stored()).toEqual(['Recent'])
    const small = (await api.getOfflineBodies(id)).storedBytes
    expect(small).toBeGreaterThan(100)

    const all = await api.setOfflineBodies(id, 'all')
    expect(all.policy).toBe('all')
    await w.until('every body stored', () => stored().length === 3, 30_000)
    expect(stored()).toEqual(['Ancient', 'Recent', 'Spring'])
    expect((await api.getOfflineBodies(id)).storedBytes).toBeGreaterThan(small)
    // The choice is kept in the store, per account.
    expect(
      w.services.db.prepare('SELECT days FROM offline_policy WHERE account_id = ?').pluck().get(id),
    ).toBeNull()

    await expect(api.setOfflineBodies('no-such-account', 'all')).rejects.toMatchObject({
      code: 'ACCOUNT_NOT_FOUND',
    })
  })
})
