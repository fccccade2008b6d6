import type { QueryNode } from './query-parse'
import { matchTerm, requiredMatch, textMatch } from './search-query'

/**
 * A parsed query as SQL over `mail_messages m` joined with `mail_mailboxes b`. Values are always
 * bound parameters, never spliced into the SQL text.
 *
 * The text terms every hit needs (the top-level AND) form one MATCH that drives the query from
 * the FTS5 index (`search_fts f`); text under OR or `-` becomes an `m.id IN (… MATCH ?)` test.
 * A query with no required text (`is:unread`) reads mail_messages newest first.
 */
export interface CompiledQuery {
  /** The MATCH expression driving the query, or null to scan mail_messages. */
  match: string | null
  /** Further conditions (`1` when none). */
  where: string
  params: unknown[]
}

/** Folder words that name a role (Gmail's and the usual English folder names). */
export const ROLE_ALIASES: Record<string, string> = {
  inbox: 'inbox',
  sent: 'sent',
  drafts: 'drafts',
  draft: 'drafts',
  trash: 'trash',
  bin: 'trash',
  spam: 'junk',
  junk: 'junk',
  archive: 'archive',
  all: 'all',
}

function condition(node: QueryNode, params: unknown[]): string | null {
  switch (node.kind) {
    case 'text': {
      const m = matchTerm(node.field, node.text)
      if (m === null) return null
      params.push(m)
      return 'm.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ?)'
    }
    case 'flag':
      return {
        unread: 'm.seen = 0',
        read: 'm.seen = 1',
        flagged: 'm.flagged = 1',
        answered: 'm.answered = 1',
      }[node.flag]
    case 'attachment':
      return 'm.has_attachments = 1'
    case 'in': {
      if (node.folder === null) return null
      const role = ROLE_ALIASES[node.folder.toLowerCase()] ?? null
      params.push(role, node.folder, node.folder)
      // ifnull: a folder without a role must be true or false here, never NULL (NOT NULL is NULL,
      // so `-in:inbox` would otherwise leave out every folder without a role).
      return '(ifnull(b.role = ?, 0) OR b.name = ? COLLATE NOCASE OR b.path = ? COLLATE NOCASE)'
    }
    case 'date':
      params.push(node.at)
      return node.op === 'before' ? 'm.date < ?' : 'm.date >= ?'
    case 'size':
      params.push(node.bytes)
      return node.op === 'larger' ? 'm.size > ?' : 'm.size < ?'
    case 'not': {
      // `-in:anywhere` excludes nothing (Gmail reads it the same way).
      const inner = condition(node.item, params)
      return inner === null ? null : `NOT (${inner})`
    }
    case 'and':
    case 'or': {
      // Each part binds its own values: a part left out must leave none behind.
      const parts: string[] = []
      const bound: unknown[] = []
      for (const item of node.items) {
        const own: unknown[] = []
        const c = condition(item, own)
        // An OR with a term that matches everything (`in:anywhere OR x`) matches everything.
        if (c === null && node.kind === 'or') return null
        if (c === null) continue
        parts.push(c)
        bound.push(...own)
      }
      if (parts.length === 0) return null
      params.push(...bound)
      return `(${parts.join(node.kind === 'and' ? ' AND ' : ' OR ')})`
    }
  }
}

export function compileQuery(root: QueryNode): CompiledQuery {
  const match = requiredMatch(root)
  const rest =
    match === null ? [root] : root.kind === 'and' ? root.items.filter((n) => textMatch(n) === null) : []
  const params: unknown[] = []
  const conds = rest.map((n) => condition({ kind: 'and', items: [n] }, params)).filter((c) => c !== null)
  return { match, where: conds.length ? conds.join(' AND ') : '1', params }
}
