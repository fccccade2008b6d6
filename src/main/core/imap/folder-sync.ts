import type { ImapFlow, ListResponse, StatusObject } from 'imapflow'
import type { MailboxRole } from '../../../shared/model/mail'
import type { MailboxListing, MailboxRecord } from '../store/mailbox-repo'
import type { MailStore } from '../store/mail-store'

/** RFC 6154 special-use attributes (imapflow also marks the Inbox as \Inbox). */
const ROLES: Readonly<Record<string, MailboxRole>> = {
  '\\Inbox': 'inbox',
  '\\Sent': 'sent',
  '\\Drafts': 'drafts',
  '\\Trash': 'trash',
  '\\Junk': 'junk',
  '\\Archive': 'archive',
  '\\All': 'all',
  '\\Flagged': 'flagged',
}

export interface FolderSyncResult {
  /** Server status of each selectable mailbox, by mailbox id. */
  status: Map<number, StatusObject | undefined>
  /** Mailboxes that were added, renamed or removed (the folder tree changed). */
  changed: boolean
}

function listingOf(entry: ListResponse): MailboxListing {
  const noSelect = entry.flags.has('\\Noselect') || entry.flags.has('\\NonExistent') || entry.listed === false
  return {
    path: entry.path,
    name: entry.name,
    parentPath: entry.parentPath ? entry.parentPath : null,
    delimiter: entry.delimiter || null,
    role: entry.specialUse ? (ROLES[entry.specialUse] ?? null) : null,
    selectable: !noSelect,
    statusTotal: entry.status?.messages ?? null,
    statusUnread: entry.status?.unseen ?? null,
  }
}

/**
 * Follows the server's folder tree: LIST (with LIST-STATUS, RFC 5819, where offered: one round trip
 * for every folder's counts) → new folders are added, vanished ones removed with their messages.
 * A folder that vanished while one with the same UIDVALIDITY appeared was renamed (Dovecot and
 * most servers keep a mailbox's UIDVALIDITY across RENAME), so it keeps its id and cached messages
 * instead of being downloaded again. A false match would need two of the account's mailboxes to
 * share a UIDVALIDITY, which servers avoid (Dovecot keeps them unique per user).
 */
export async function syncFolderList(
  client: ImapFlow,
  store: MailStore,
  accountId: string,
): Promise<FolderSyncResult> {
  // The server answers STATUS for the selected mailbox from this session's view, which only
  // moves on when the session hears of changes: NOOP first, or its counts would be stale.
  if (client.mailbox) await client.noop()
  const entries = await client.list({
    statusQuery: { messages: true, unseen: true, uidNext: true, uidValidity: true, highestModseq: true },
  })
  const known = new Map(
    store.mailboxes
      .list(accountId)
      .filter((m) => !m.isLocal)
      .map((m) => [m.path, m] as const),
  )
  const listedPaths = new Set(entries.map((e) => e.path))
  const gone = [...known.values()].filter((m) => !listedPaths.has(m.path))
  const status = new Map<number, StatusObject | undefined>()
  let changed = false

  store.db.transaction(() => {
    for (const entry of entries) {
      const listing = listingOf(entry)
      const existing = known.get(entry.path)
      if (existing) {
        store.mailboxes.updateListing(existing.id, listing)
        if (listing.selectable) status.set(existing.id, entry.status)
        continue
      }
      changed = true
      const uidValidity = entry.status?.uidValidity === undefined ? null : Number(entry.status.uidValidity)
      const renamed =
        uidValidity === null ? -1 : gone.findIndex((m: MailboxRecord) => m.uidValidity === uidValidity)
      let id: number
      if (renamed >= 0) {
        id = gone[renamed]!.id
        gone.splice(renamed, 1)
        store.mailboxes.updateListing(id, listing)
      } else {
        id = store.mailboxes.insert(accountId, listing)
      }
      if (listing.selectable) status.set(id, entry.status)
    }
    for (const m of gone) {
      changed = true
      store.mailboxes.remove(m.id)
    }
  })()
  return { status, changed }
}

/** Whether a mailbox needs a sync, judged from its STATUS alone (no SELECT). */
export function needsSync(m: MailboxRecord, s: StatusObject | undefined): boolean {
  if (m.syncedAt === null || !s) return true
  if (s.uidValidity === undefined || Number(s.uidValidity) !== m.uidValidity) return true
  if (s.uidNext !== m.uidNext) return true
  // Without CONDSTORE (RFC 7162) flag changes are invisible in STATUS: always compare.
  if (s.highestModseq === undefined || m.highestModseq === null) return true
  return s.highestModseq !== m.highestModseq
}
