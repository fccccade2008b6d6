/** What the POP3 scheduler offers the rest of the app (pop3-scheduler.ts builds it). */
import type { Pop3Status } from './pop3-state'
import type { Pop3RetrieveResult } from './pop3-retrieve'

/** Polls every POP3 account into the local store: at start and every N minutes (Pop3Options). */
export interface Pop3Scheduler {
  start(): void
  /** Checks one account now; joins a check already running for it. */
  checkNow(accountId: string): Promise<Pop3RetrieveResult>
  status(accountId: string): Pop3Status | undefined
  /** Stops the timers, cancels running checks (nothing is lost: see retrievePop3) and waits for them. */
  stop(): Promise<void>
}
