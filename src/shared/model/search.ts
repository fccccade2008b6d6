import type { MailboxRole, MessageSummary } from './mail'

/** A message that matched a search, with the folder it is in (results span mailboxes). */
export interface SearchHit extends MessageSummary {
  mailboxName: string
  mailboxRole: MailboxRole | null
  /** Found by the server's own SEARCH (its body may not be stored yet: fetched when opened). */
  onServer?: boolean
}

export interface SearchResult {
  /** Newest first. */
  items: SearchHit[]
  /** More messages matched than were returned. */
  truncated: boolean
  /** Recently stored mail is still being indexed: results may be missing some of it. */
  indexing: boolean
  /**
   * Words were searched while some server mail has no stored body (or a server folder was never
   * synced): the server's own search may find more (`searchServer`).
   */
  incomplete?: boolean
}

/** Which bodies an account keeps offline for reading and search: the last `days` days, or all. */
export type OfflineBodiesPolicy = { days: number } | 'all'

/** The accounts page's view of it: the policy and what the stored bodies take on disk. */
export interface OfflineBodiesInfo {
  policy: OfflineBodiesPolicy
  storedBytes: number
}

export interface SearchQueryOptions {
  /** Only this account's mail (default: every account). */
  accountId?: string
  /** At most this many results (default 200). */
  limit?: number
}

/** The search box's operators (Gmail's), offered while typing; main's parser reads each of them. */
export const SEARCH_OPERATORS = [
  'from:',
  'to:',
  'cc:',
  'subject:',
  'body:',
  'filename:',
  'has:attachment',
  'is:unread',
  'is:read',
  'is:flagged',
  'is:answered',
  'in:',
  'in:anywhere',
  'before:',
  'after:',
  'older_than:',
  'newer_than:',
  'larger:',
  'smaller:',
] as const
