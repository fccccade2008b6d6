import { useMemo, useState, type KeyboardEvent } from 'react'
import { UnifiedTree } from './UnifiedTree'
import { useDropTarget, type DropHandlers } from './use-drop-target'
import './mailbox-drop.css'
import type { Mailbox } from '../../../../shared/model/mail'
import { ErrorNotice } from '../../lib/ErrorNotice'
import { CheckNowButton } from '../accounts'
import { FolderActions } from './FolderActions'
import { buildMailboxTree, visibleNodes, type MailboxNode } from './mailbox-tree'
import { useFolderMenu } from './use-folder-menu'
import type { AccountMailboxes } from './use-mailboxes'

export interface MailboxTreeProps {
  accounts: AccountMailboxes[]
  selectedId: string | null
  onSelect: (mailbox: Mailbox) => void
  /** "All Inboxes", "All Unread", "All Flagged" at the top: shown with two accounts or more. */
  unreadInInboxes?: number
}

/** The name people expect for a special-use folder, whatever the server calls it. */
export function mailboxLabel(m: Mailbox): string {
  return m.role === 'inbox' ? 'Inbox' : m.name
}

/** Folder pane: one tree per account, special-use folders first, with unread counts. */
export function MailboxTree({ accounts, selectedId, onSelect, unreadInInboxes }: MailboxTreeProps) {
  const menu = useFolderMenu()
  return (
    <nav className="mailbox-pane" aria-label="Folders">
      {accounts.length > 1 && (
        <UnifiedTree selectedId={selectedId} unread={unreadInInboxes ?? 0} onSelect={onSelect} />
      )}
      {accounts.map(({ account, mailboxes, error }) => (
        <section key={account.id} className="mailbox-account">
          <h2 id={`account-${account.id}`} title={account.address}>
            {account.displayName || account.address}
          </h2>
          {/* POP3 mail only arrives when the server is checked: the person can ask for it now. */}
          {account.incoming.protocol === 'pop3' && (
            <CheckNowButton accountId={account.id} label={account.displayName || account.address} />
          )}
          {error && <ErrorNotice error={error} />}
          <AccountTree
            mailboxes={mailboxes}
            labelledBy={`account-${account.id}`}
            selectedId={selectedId}
            onSelect={onSelect}
            onMenu={menu.open}
          />
        </section>
      ))}
      <FolderActions menu={menu} />
    </nav>
  )
}

function AccountTree({
  mailboxes,
  labelledBy,
  selectedId,
  onSelect,
  onMenu,
}: {
  mailboxes: Mailbox[]
  labelledBy: string
  selectedId: string | null
  onSelect: (m: Mailbox) => void
  /** Opens the folder's context menu at this point. */
  onMenu: (m: Mailbox, x: number, y: number) => void
}) {
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set())
  const drop = useDropTarget()
  const roots = useMemo(() => buildMailboxTree(mailboxes), [mailboxes])
  const nodes = visibleNodes(roots, collapsed)
  // Roving tabindex: one item in the tab order (the selected one, else the first).
  const focusId = nodes.some((n) => n.mailbox.id === selectedId) ? selectedId : nodes[0]?.mailbox.id

  const toggle = (id: string, open: boolean) =>
    setCollapsed((c) => {
      const next = new Set(c)
      if (open) next.delete(id)
      else next.add(id)
      return next
    })

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    const items = Array.from(e.currentTarget.querySelectorAll<HTMLElement>('[role="treeitem"]'))
    const at = items.indexOf(document.activeElement as HTMLElement)
    const node = nodes[at]
    if (at === -1 || !node) return
    const move = (i: number) => items[Math.max(0, Math.min(items.length - 1, i))]?.focus()
    const hasChildren = node.children.length > 0
    const actions: Record<string, (() => void) | undefined> = {
      ArrowDown: () => move(at + 1),
      ArrowUp: () => move(at - 1),
      Home: () => move(0),
      End: () => move(items.length - 1),
      ArrowRight: hasChildren ? () => toggle(node.mailbox.id, true) : undefined,
      ArrowLeft: hasChildren ? () => toggle(node.mailbox.id, false) : undefined,
      Enter: node.mailbox.selectable ? () => onSelect(node.mailbox) : undefined,
      ' ': node.mailbox.selectable ? () => onSelect(node.mailbox) : undefined,
    }
    // The Menu key or Shift+F10 opens the folder's context menu beside it (as a right click).
    if (e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) {
      const rect = items[at]!.getBoundingClientRect()
      actions[e.key] = () => onMenu(node.mailbox, rect.left + 20, rect.bottom)
    }
    const action = actions[e.key]
    if (!action) return
    // Handled here: the reader's single-key shortcuts must not see these keys as well.
    e.preventDefault()
    e.stopPropagation()
    action()
  }

  return (
    <ul role="tree" aria-labelledby={labelledBy} className="mailbox-tree" onKeyDown={onKeyDown}>
      {nodes.map((node) => (
        <TreeItem
          key={node.mailbox.id}
          node={node}
          selected={node.mailbox.id === selectedId}
          tabbable={node.mailbox.id === focusId}
          expanded={node.children.length > 0 ? !collapsed.has(node.mailbox.id) : undefined}
          onToggle={(open) => toggle(node.mailbox.id, open)}
          onSelect={() => node.mailbox.selectable && onSelect(node.mailbox)}
          onMenu={(x, y) => onMenu(node.mailbox, x, y)}
          dropHandlers={drop.handlers(node.mailbox)}
          dropTarget={drop.targetId === node.mailbox.id}
        />
      ))}
    </ul>
  )
}

function TreeItem(props: {
  node: MailboxNode
  selected: boolean
  tabbable: boolean
  expanded: boolean | undefined
  onToggle: (open: boolean) => void
  onSelect: () => void
  onMenu: (x: number, y: number) => void
  dropHandlers: DropHandlers
  dropTarget: boolean
}) {
  const { mailbox: m, depth } = props.node
  const label = mailboxLabel(m)
  return (
    <li
      role="treeitem"
      aria-level={depth + 1}
      aria-selected={props.selected}
      aria-expanded={props.expanded}
      aria-disabled={!m.selectable || undefined}
      aria-label={m.unread > 0 ? `${label}, ${m.unread} unread` : label}
      tabIndex={props.tabbable ? 0 : -1}
      className={`mailbox-item${props.selected ? ' selected' : ''}${m.unread > 0 ? ' has-unread' : ''}${props.dropTarget ? ' drop-target' : ''}`}
      data-role={m.role ?? undefined}
      style={{ paddingLeft: 10 + depth * 14 }}
      onClick={props.onSelect}
      onContextMenu={(e) => {
        e.preventDefault()
        props.onMenu(e.clientX, e.clientY)
      }}
      aria-haspopup="menu"
      {...props.dropHandlers}
    >
      {props.expanded !== undefined && (
        <span
          className="mailbox-twisty"
          aria-hidden="true"
          onClick={(e) => {
            e.stopPropagation()
            props.onToggle(!props.expanded)
          }}
        >
          {props.expanded ? '▾' : '▸'}
        </span>
      )}
      <span className="mailbox-name">{label}</span>
      {m.unread > 0 && (
        <span className="unread-count" aria-hidden="true">
          {m.unread}
        </span>
      )}
    </li>
  )
}
