/**
 * Work the store does in the background in small steps (threading rows stored by an older
 * version, feeding contacts): each step is one short transaction, and the next one waits for the
 * next turn of the event loop, so IPC calls and sync jobs run in between.
 */
export interface BackgroundPass {
  /** Runs the pass after the delay, unless it is waiting or running already. */
  schedule(): void
  stop(): void
}

/** `step` does one batch and says whether there may be more. */
export function createBackgroundPass(name: string, step: () => boolean, delayMs: number): BackgroundPass {
  let timer: NodeJS.Timeout | undefined
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
      console.warn(`[mail] ${name} stopped`, err)
    }
  }
  return {
    schedule() {
      if (stopped || timer || next) return
      timer = setTimeout(run, delayMs)
      timer.unref()
    },
    stop() {
      stopped = true
      clearTimeout(timer)
      if (next) clearImmediate(next)
    },
  }
}
