/**
 * Single-flight with a rerun: a request while a run is in progress is answered by that run
 * followed by one more (so a change made during a run is never missed), never by a parallel run.
 */
export class Rerunner<T> {
  private current: Promise<T> | null = null
  private again = false

  run(fn: () => Promise<T>): Promise<T> {
    if (this.current) {
      this.again = true
      return this.current
    }
    const loop = async (): Promise<T> => {
      let result: T
      do {
        this.again = false
        result = await fn()
      } while (this.again)
      return result
    }
    this.current = loop().finally(() => (this.current = null))
    return this.current
  }
}
