/**
 * Work the store does in the background in small steps (threading rows stored by an older
 * version, feeding contacts): each step is one short transaction, and the next one waits for the
 * next turn of the event loop, so IPC calls and sync jobs run in between.
 */
export interface BackgroundPass {
  /**
   * Runs the pass once things are quiet: `delayMs` after the last request, but no later than
   * `maxDelayMs` after the first one (a steady trickle of requests must not starve it).
   */
  schedule(): void
  stop(): void
}

/**
 * `step` does one batch and says whether there may be more. A step that throws stops the pass
 * until the next schedule(); `onError` hears why (the storage health monitor, which says so in
 * the UI when the store failed and schedules the pass again once it works).
 */
export function createBackgroundPass(
  name: string,
  step: () => boolean,
  delayMs: number,
  maxDelayMs = delayMs * 15,
  onError: (err: unknown) => void = (err) => console.warn(`[mail] ${name} stopped`, err),
): BackgroundPass {
  let timer: NodeJS.Timeout | undefined
  let firstRequest = 0
  let next: NodeJS.Immediate | undefined
  let stopped = false
  const run = () => {
    timer = undefined
    next = undefined
    if (stopped) return
    try {
      if (step()) next = setImmediate(run)
    } catch (err) {
      // Nothing is lost: the pass resumes where it stopped at the next schedule().
      onError(err)
    }
  }
  return {
    schedule() {
      if (stopped || next) return // running: it reads whatever is there when it steps
      const now = Date.now()
      if (timer) clearTimeout(timer)
      else firstRequest = now
      const wait = Math.max(0, Math.min(delayMs, firstRequest + maxDelayMs - now))
      timer = setTimeout(run, wait)
      timer.unref()
    },
    stop() {
      stopped = true
      clearTimeout(timer)
      if (next) clearImmediate(next)
    },
  }
}
