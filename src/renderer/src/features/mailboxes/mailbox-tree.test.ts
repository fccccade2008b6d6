import { describe, expect, it } from 'vitest'
import type { Mailbox } from '../../../../shared/model/mail'
import { buildMailboxTree, findInbox, visibleNodes } from './mailbox-tree'

function box(path: string, role: Mailbox['role'] = null): Mailbox {
  const parts = path.split('/')
  return {
    id: path,
    accountId: 'a',
    path,
    name: parts[parts.length - 1]!,
    parentPath: parts.length > 1 ? parts.slice(0, -1).join('/') : null,
    role,
    unread: 0,
    total: 0,
    selectable: true,
  }
}

describe('buildMailboxTree', () => {
  const boxes = [
    box('Zeta'),
    box('Trash', 'trash'),
    box('Projects'),
    box('Projects/Beta'),
    box('Projects/Alpha'),
    box('Projects/Alpha/Specs'),
    box('Sent Items', 'sent'),
    box('INBOX', 'inbox'),
    box('Archive', 'archive'),
    box('Drafts', 'drafts'),
    box('Spam', 'junk'),
    box('Orphans/Child'),
  ]

  it('puts special-use folders first in the usual order, then the rest by name, with hierarchy', () => {
    const flat = visibleNodes(buildMailboxTree(boxes), new Set()).map(
      (n) => `${'  '.repeat(n.depth)}${n.mailbox.path}`,
    )
    expect(flat).toEqual([
      'INBOX',
      'Drafts',
      'Sent Items',
      'Archive',
      'Spam',
      'Trash',
      'Orphans/Child',
      'Projects',
      '  Projects/Alpha',
      '    Projects/Alpha/Specs',
      '  Projects/Beta',
      'Zeta',
    ])
  })

  it('hides the children of collapsed folders', () => {
    const flat = visibleNodes(buildMailboxTree(boxes), new Set(['Projects'])).map((n) => n.mailbox.path)
    expect(flat).not.toContain('Projects/Alpha')
    expect(flat).toContain('Projects')
  })

  it('finds the Inbox by role', () => {
    expect(findInbox(boxes)?.path).toBe('INBOX')
  })
})
