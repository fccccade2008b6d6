import { DEFAULT_POP3_OPTIONS, type Account, type Pop3Options } from '../../../shared/model/account'

export { DEFAULT_POP3_OPTIONS }

export function pop3OptionsOf(account: Account): Pop3Options {
  return { ...DEFAULT_POP3_OPTIONS, ...account.pop3 }
}

export const DAY_MS = 24 * 60 * 60 * 1000

export interface DeletionFacts {
  options: Pop3Options
  now: number
  storedAt: number
  /** False when the person deleted the local copy. */
  existsLocally: boolean
}

/**
 * Whether a message already safely in the local store should be deleted from the server now
 * (never called for a message that is not committed locally).
 */
export function shouldDeleteOnServer({ options, now, storedAt, existsLocally }: DeletionFacts): boolean {
  if (!options.leaveOnServer) return true
  if (options.deleteAfterDays !== null && now - storedAt >= options.deleteAfterDays * DAY_MS) return true
  return options.deleteOnServerWhenDeletedLocally && !existsLocally
}
