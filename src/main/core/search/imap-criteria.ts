import type { SearchObject } from 'imapflow'
import type { QueryNode } from './query-parse'

/**
 * A parsed query as IMAP SEARCH criteria (RFC 3501 §6.4.4, RFC 9051 §6.4.4), in imapflow's
 * `SearchObject` form: imapflow compiles it, adds `CHARSET UTF-8` when a value is not ASCII and
 * uses WITHIN's OLDER/YOUNGER for dates where offered (RFC 5032).
 *
 * The server's matching is not the index's: IMAP text keys are substring matches (`inv` finds
 * "invoice" and "convince"), which finds at least what the index finds. Where IMAP has no key the
 * translation widens rather than narrows, so a server search never hides a message the local
 * search would show:
 * - `filename:x` is `TEXT x` (the name is in the part's headers, which TEXT reads);
 * - `has:attachment` is `OR HEADER Content-Type multipart/mixed KEYWORD $HasAttachment`
 *   (RFC 8457's keyword where the server sets it, else the usual shape of mail with attachments);
 * - `in:` inside OR or `-` cannot be a criterion (the folder is chosen by SELECT): it is read as
 *   "any folder" there, and only a top-level `in:` chooses the folders searched.
 */
export interface ImapSearchPlan {
  /** The criteria; `{ all: true }` when the query only chooses folders. */
  criteria: SearchObject
  /** Top-level `in:` values (each a role alias, name or path); null: every folder. */
  folders: string[] | null
  /** True when the query has text terms (the part a local search without bodies may miss). */
  hasText: boolean
}

type Criterion = SearchObject | null

const DAY_MS = 86_400_000

/** Several criteria that must all hold. Keys cannot repeat in one object, so each is nested. */
function allOf(items: SearchObject[]): Criterion {
  if (items.length === 0) return null
  // A one-element `or` is compiled as its operand alone (parenthesised when it has several keys),
  // which lets a chain hold two criteria of one kind: TEXT a TEXT b.
  return items.reduceRight<SearchObject | null>(
    (rest, item) => (rest === null ? item : { ...item, or: [rest] }),
    null,
  )
}

function anyOf(items: SearchObject[]): Criterion {
  if (items.length === 0) return null
  if (items.length === 1) return items[0] ?? null
  return { or: items }
}

/** Null: matches every message (no condition the server can check). */
function criterion(node: QueryNode): Criterion {
  switch (node.kind) {
    case 'text': {
      const text = node.text.trim()
      if (text === '') return null
      switch (node.field) {
        case 'any':
        case 'filename':
          return { text }
        case 'from':
          return { from: text }
        case 'to':
          return { to: text }
        case 'cc':
          return { cc: text }
        case 'subject':
          return { subject: text }
        case 'body':
          return { body: text }
      }
      return null
    }
    case 'flag':
      return {
        unread: { seen: false },
        read: { seen: true },
        flagged: { flagged: true },
        answered: { answered: true },
      }[node.flag]
    case 'attachment':
      return { or: [{ header: { 'content-type': 'multipart/mixed' } }, { keyword: '$HasAttachment' }] }
    case 'in':
      return null
    case 'date':
      // SENTBEFORE/SENTSINCE read the Date header, as the local `m.date` does; they compare whole
      // days in the header's own zone (RFC 3501 §6.4.4), so a day of slack each way keeps the
      // server's answer a superset, which the local filter then narrows exactly.
      return node.op === 'before'
        ? { sentBefore: new Date(node.at + DAY_MS) }
        : { sentSince: new Date(node.at - DAY_MS) }
    case 'size':
      return node.op === 'larger' ? { larger: node.bytes } : { smaller: node.bytes }
    case 'not': {
      // NOT of "everything" would be "nothing"; the local reading of `-in:x` is handled by the
      // folder choice, so an untranslatable operand is left out (wider, never narrower).
      const inner = criterion(node.item)
      return inner === null ? null : { not: inner }
    }
    case 'and': {
      const parts = node.items.map(criterion).filter((c): c is SearchObject => c !== null)
      return allOf(parts)
    }
    case 'or': {
      const parts = node.items.map(criterion)
      // One alternative matching everything makes the whole OR match everything.
      if (parts.some((p) => p === null)) return null
      return anyOf(parts as SearchObject[])
    }
  }
}

function hasTextTerm(node: QueryNode): boolean {
  switch (node.kind) {
    case 'text':
      return node.text.trim() !== ''
    case 'not':
      return hasTextTerm(node.item)
    case 'and':
    case 'or':
      return node.items.some(hasTextTerm)
    default:
      return false
  }
}

export function toImapSearch(root: QueryNode): ImapSearchPlan {
  const top = root.kind === 'and' ? root.items : [root]
  const folders: string[] = []
  let anywhere = false
  for (const n of top) {
    if (n.kind !== 'in') continue
    if (n.folder === null) anywhere = true
    else folders.push(n.folder)
  }
  return {
    criteria: criterion(root) ?? { all: true },
    folders: anywhere || folders.length === 0 ? null : folders,
    hasText: hasTextTerm(root),
  }
}
