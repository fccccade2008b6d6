import { unifiedViewOf, type ListView, type UnifiedView } from '../../../shared/model/list-view'
import type { MailStore } from '../store/mail-store'

/** Folders whose mail is not the person's to triage: Trash and Junk stay out of All Unread/Flagged. */
const LEFT_OUT = new Set(['trash', 'junk'])

/**
 * What a unified view lists: the mailboxes of every account it spans, and the filter it implies
 * on top of the person's own sort and filters (All Unread is the unread filter everywhere).
 */
export function unifiedList(
  store: MailStore,
  listId: string,
  view: ListView | undefined,
): { mailboxIds: number[]; view: ListView } | null {
  const kind = unifiedViewOf(listId)
  if (!kind) return null
  const boxes = store.mailboxes.accountIds().flatMap((a) => store.mailboxes.list(a))
  const mailboxIds = boxes
    .filter((m) => m.selectable && (kind === 'inboxes' ? m.role === 'inbox' : !LEFT_OUT.has(m.role ?? '')))
    .map((m) => m.id)
  const own = view ?? { sort: 'date', descending: true, filters: [] }
  return { mailboxIds, view: { ...own, filters: withImplied(kind, own.filters) } }
}

function withImplied(kind: UnifiedView, filters: ListView['filters']): ListView['filters'] {
  const implied = kind === 'unread' ? 'unread' : kind === 'flagged' ? 'flagged' : null
  return implied && !filters.includes(implied) ? [...filters, implied] : filters
}
