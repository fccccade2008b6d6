/** Runs synchronous work and answers with a promise that rejects (rather than throws) on failure. */
export function settle<T>(fn: () => T): Promise<T> {
  return new Promise<T>((resolve) => resolve(fn()))
}
