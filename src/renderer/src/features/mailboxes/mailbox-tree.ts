import type { Mailbox, MailboxRole } from '../../../../shared/model/mail'

export interface MailboxNode {
  mailbox: Mailbox
  depth: number
  children: MailboxNode[]
}

/** Special-use folders first, in the order people expect them (RFC 6154 roles). */
const ROLE_ORDER: readonly MailboxRole[] = [
  'inbox',
  'drafts',
  'sent',
  'archive',
  'junk',
  'trash',
  'all',
  'flagged',
]

function rank(m: Mailbox): number {
  const i = m.role ? ROLE_ORDER.indexOf(m.role) : -1
  return i === -1 ? ROLE_ORDER.length : i
}

const byRoleThenName = (a: MailboxNode, b: MailboxNode) =>
  rank(a.mailbox) - rank(b.mailbox) || a.mailbox.name.localeCompare(b.mailbox.name)

/**
 * One account's mailboxes as a tree (parentPath links children to parents). A mailbox whose
 * parent is not listed becomes a top-level one rather than disappearing.
 */
export function buildMailboxTree(mailboxes: readonly Mailbox[]): MailboxNode[] {
  const nodes = new Map<string, MailboxNode>(
    mailboxes.map((m) => [m.path, { mailbox: m, depth: 0, children: [] }]),
  )
  const roots: MailboxNode[] = []
  for (const node of nodes.values()) {
    const parent = node.mailbox.parentPath === null ? undefined : nodes.get(node.mailbox.parentPath)
    if (parent && parent !== node) parent.children.push(node)
    else roots.push(node)
  }
  const visit = (list: MailboxNode[], depth: number, seen: Set<MailboxNode>) => {
    list.sort(byRoleThenName)
    for (const n of list) {
      if (seen.has(n)) continue
      seen.add(n)
      n.depth = depth
      visit(n.children, depth + 1, seen)
    }
  }
  visit(roots, 0, new Set())
  return roots
}

/** Depth-first order of the nodes that are visible (children of collapsed nodes are hidden). */
export function visibleNodes(roots: readonly MailboxNode[], collapsed: ReadonlySet<string>): MailboxNode[] {
  const out: MailboxNode[] = []
  const walk = (list: readonly MailboxNode[]) => {
    for (const n of list) {
      out.push(n)
      if (!collapsed.has(n.mailbox.id)) walk(n.children)
    }
  }
  walk(roots)
  return out
}

export function findInbox(mailboxes: readonly Mailbox[]): Mailbox | undefined {
  return mailboxes.find((m) => m.role === 'inbox') ?? mailboxes.find((m) => m.selectable)
}
