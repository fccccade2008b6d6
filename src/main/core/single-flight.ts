/**
 * One run per key at a time: a call made while the same key's run is in flight gets that run's
 * promise instead of starting a second one. In-process only, it complements (never replaces) the
 * durable claim of a once-only action (design.md): it stops a double click from doing the slow
 * part twice, and it lets the second caller answer with the first one's result.
 */
export function singleFlight<T>(): (key: string, run: () => Promise<T>) => Promise<T> {
  const running = new Map<string, Promise<T>>()
  return (key, run) => {
    const pending = running.get(key)
    if (pending) return pending
    const started = run()
    running.set(key, started)
    const done = () => void running.delete(key)
    started.then(done, done)
    return started
  }
}
