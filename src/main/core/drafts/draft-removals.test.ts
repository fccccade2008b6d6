import { describe, expect, it } from 'vitest'
import { createDraftRemovals } from './draft-removals'

/** A session that stays open until released, recording which ids it was given. */
function sessions() {
  const calls: { accountId: string; ids: string[]; release: (err?: Error) => void }[] = []
  let open = 0
  let most = 0
  const run = (accountId: string, ids: string[]) =>
    new Promise<void>((resolve, reject) => {
      open++
      most = Math.max(most, open)
      calls.push({
        accountId,
        ids,
        release: (err) => {
          open--
          if (err) reject(err)
          else resolve()
        },
      })
    })
  return { calls, run, most: () => most }
}

const tick = () => new Promise((r) => setImmediate(r))

describe('draft removals', () => {
  it('gathers the ids that arrive while a session runs into one next session, one at a time per account', async () => {
    const s = sessions()
    const removals = createDraftRemovals(s.run)
    const first = removals.remove('a', '<1@x>')
    await tick()
    expect(s.calls.map((c) => c.ids)).toEqual([['<1@x>']])
    const later = ['<2@x>', '<3@x>', '<4@x>'].map((id) => removals.remove('a', id))
    await tick()
    expect(s.calls).toHaveLength(1)
    s.calls[0]!.release()
    await first
    await tick()
    expect(s.calls.map((c) => c.ids)).toEqual([['<1@x>'], ['<2@x>', '<3@x>', '<4@x>']])
    s.calls[1]!.release()
    await Promise.all(later)
    expect(s.most()).toBe(1)
    await removals.idle()
  })

  it('runs accounts side by side, and a failed session rejects only its own callers', async () => {
    const s = sessions()
    const removals = createDraftRemovals(s.run)
    const a1 = removals.remove('a', '<1@x>')
    const b1 = removals.remove('b', '<1@y>')
    await tick()
    expect(s.calls.map((c) => c.accountId)).toEqual(['a', 'b'])
    const a2 = removals.remove('a', '<2@x>')
    s.calls[0]!.release(new Error('NO [LIMIT]'))
    await expect(a1).rejects.toThrow('LIMIT')
    await tick()
    expect(s.calls[2]).toMatchObject({ accountId: 'a', ids: ['<2@x>'] })
    s.calls[2]!.release()
    s.calls[1]!.release()
    await expect(a2).resolves.toBeUndefined()
    await expect(b1).resolves.toBeUndefined()
  })
})
