import { describe, expect, it } from 'vitest'
import { singleFlight } from './single-flight'

describe('singleFlight', () => {
  it('runs once per key while in flight, and again once the run settled', async () => {
    const once = singleFlight<number>()
    let runs = 0
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    const run = async () => {
      runs++
      await gate
      return runs
    }
    const calls = [once('a', run), once('a', run), once('a', run), once('b', run)]
    expect(runs).toBe(2)
    release()
    expect(await Promise.all(calls)).toEqual([2, 2, 2, 2])
    expect(await once('a', run)).toBe(3)
  })

  it('hands the same failure to every waiting caller, then lets the key run again', async () => {
    const once = singleFlight<string>()
    const fail = () => Promise.reject(new Error('no'))
    const both = [once('k', fail), once('k', fail)]
    await expect(both[0]).rejects.toThrow('no')
    await expect(both[1]).rejects.toThrow('no')
    expect(await once('k', () => Promise.resolve('ok'))).toBe('ok')
  })
})
