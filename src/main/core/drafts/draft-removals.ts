/**
 * Removing server copies of drafts, gathered per account: every sent message removes its draft's
 * copy, and a burst of sends used to open one IMAP session per message at once, running into the
 * server's per-user connection limit (Dovecot answers `[LIMIT]`) so that removals failed and stale
 * copies stayed in Drafts. Here the ids that arrive while a session runs wait for it and go
 * together in the next one: at most one session per account at a time.
 */
export interface DraftRemovals {
  /** Resolves once a session that includes this id has finished (rejects with its failure). */
  remove(accountId: string, serverMessageId: string): Promise<void>
  /** Waits for every session that is running or due. */
  idle(): Promise<void>
}

export function createDraftRemovals(
  run: (accountId: string, serverMessageIds: string[]) => Promise<void>,
): DraftRemovals {
  /** Per account: the batch that has not started yet (it gathers ids until the running one ends). */
  const gathering = new Map<string, { ids: Set<string>; done: Promise<void> }>()
  const running = new Map<string, Promise<void>>()

  function startBatch(accountId: string): { ids: Set<string>; done: Promise<void> } {
    const ids = new Set<string>()
    const before = running.get(accountId)?.catch(() => undefined) ?? Promise.resolve()
    const done = before.then(() => {
      gathering.delete(accountId)
      return run(accountId, [...ids])
    })
    running.set(accountId, done)
    void done
      .catch(() => undefined)
      .finally(() => {
        if (running.get(accountId) === done) running.delete(accountId)
      })
    return { ids, done }
  }

  return {
    remove(accountId, serverMessageId) {
      let batch = gathering.get(accountId)
      if (!batch) {
        batch = startBatch(accountId)
        gathering.set(accountId, batch)
      }
      batch.ids.add(serverMessageId)
      return batch.done
    },
    async idle() {
      while (running.size > 0) await Promise.allSettled([...running.values()])
    },
  }
}
