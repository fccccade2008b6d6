import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createBackgroundPass } from './background-pass'

beforeEach(() => void vi.useFakeTimers())
afterEach(() => void vi.useRealTimers())

describe('background passes', () => {
  it('wait for quiet, but not forever, then step until there is no more', async () => {
    let left = 3
    const steps: number[] = []
    const pass = createBackgroundPass('test', () => (steps.push(Date.now()), --left > 0), 100, 300)
    const start = Date.now()
    for (let i = 0; i < 5; i++) {
      pass.schedule()
      await vi.advanceTimersByTimeAsync(90)
    }
    // Requests every 90 ms keep postponing it; the 300 ms limit runs it anyway.
    expect(steps[0]! - start).toBe(300)
    expect(steps).toHaveLength(3)
    pass.schedule()
    pass.stop()
    await vi.advanceTimersByTimeAsync(1000)
    expect(steps).toHaveLength(3)
  })
})

describe('a background pass that fails', () => {
  it('says why, stops, and runs again from where it stopped at the next schedule()', async () => {
    const errors: unknown[] = []
    let fail = true
    let done = 0
    const pass = createBackgroundPass(
      'test',
      () => {
        if (fail) throw new Error('disk full')
        return ++done < 2
      },
      10,
      10,
      (err) => errors.push(err),
    )
    pass.schedule()
    await vi.advanceTimersByTimeAsync(50)
    expect(errors).toHaveLength(1)
    expect(done).toBe(0)
    fail = false
    pass.schedule()
    await vi.advanceTimersByTimeAsync(50)
    expect(done).toBe(2)
    expect(errors).toHaveLength(1)
    pass.stop()
  })
})
