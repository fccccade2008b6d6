/** What the Drafts-folder copy offers the rest of the app (draft-sync.ts builds it). */

export interface DraftSync {
  /** Tries again, with backoff, every draft whose server copy was waiting when the app stopped. */
  start(): void
  /** A local save happened: copy to the server within the interval. */
  changed(draftId: string): void
  /** Copy to the server now if the local version is newer (the composer closed). */
  flush(draftId: string): Promise<void>
  /** The person asked to try the server copy again, whatever the last failure was. */
  retry(draftId: string): Promise<void>
  /** Removes every server copy of a draft (it was sent or discarded). */
  removeFromServer(accountId: string, serverMessageId: string): Promise<void>
  stop(): Promise<void>
}
