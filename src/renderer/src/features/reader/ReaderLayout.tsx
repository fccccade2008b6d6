import { useRef, useState, type CSSProperties } from 'react'
import type { Mailbox, MessageSummary } from '../../../../shared/model/mail'
import { useCommandScope } from '../../lib/commands'
import { ErrorNotice } from '../../lib/ErrorNotice'
import { call } from '../../lib/ipc'
import { unifiedViewOf, type ListFilter } from '../../../../shared/model/list-view'
import {
  accountBadges,
  findInbox,
  unifiedMailbox,
  mailboxLabel,
  MailboxTree,
  unreadInInboxes,
  useMailboxes,
  useNewMailNotifications,
  useUnreadTitle,
} from '../mailboxes'
import { RESULTS_DOM_ID, SavedSearches, SearchField, useSearch } from '../search'
import { Splitter, usePaneKeys, usePaneSizes } from '../layout'
import { useUnreadAnnouncement } from './use-unread-announcement'
import { SearchPane } from './SearchPane'
import { MailboxPane } from './MailboxPane'
import './reader.css'
// After reader.css: the selection's rules come last, as they did in one file.
import './selection.css'

/** The three panes: folders, messages, the message. Shown once an account exists. */
export function ReaderLayout() {
  const boxes = useMailboxes()
  const [chosenId, setChosenId] = useState<string | null>(null)
  const accounts = boxes.state === 'ready' ? boxes.accounts : []
  const all = accounts.flatMap((a) => a.mailboxes)
  const unread = unreadInInboxes(accounts)
  useUnreadTitle(unread)
  const unreadNews = useUnreadAnnouncement(unread)
  usePaneKeys()
  const [query, setQuery] = useState('')
  // A message to open that the person asked for outside the list (a new-mail notification).
  const [openRequest, setOpenRequest] = useState<{
    mailboxId: string
    messageId: string
    seq: number
  } | null>(null)
  useNewMailNotifications(accounts, (mailboxId: string, message?: MessageSummary) => {
    setQuery('')
    setChosenId(mailboxId)
    if (!message) return
    setOpenRequest((r) => ({ mailboxId, messageId: message.id, seq: (r?.seq ?? 0) + 1 }))
    // Opening it reads it, as opening it from the list does.
    if (!message.flags.seen) call('setFlags', [message.id], { seen: true }).catch(() => undefined)
  })
  const search = useSearch(query)
  const searchRef = useRef<HTMLInputElement>(null)
  useCommandScope({
    search: {
      run: () => {
        searchRef.current?.focus()
        searchRef.current?.select()
      },
    },
  })
  const sizes = usePaneSizes()
  // Narrow windows (layout.css): the folder tree opens over the list from its button.
  const [foldersOpen, setFoldersOpen] = useState(false)
  const paneStyle = {
    '--folder-width': `${sizes.folders}px`,
    '--list-width': `${sizes.list}px`,
  } as CSSProperties

  const folderName = (id: string) => {
    const m = all.find((x) => x.id === id)
    return m ? mailboxLabel(m) : undefined
  }

  // A unified view (two accounts or more), else the folder picked; until then the first Inbox.
  const unified = accounts.length > 1 ? unifiedViewOf(chosenId ?? '') : null
  const selected: Mailbox | undefined = unified
    ? unifiedMailbox(unified, unread)
    : (all.find((m) => m.id === chosenId) ?? findInbox(accounts[0]?.mailboxes ?? []))
  // Whose a row is, where messages of several accounts share a list.
  const badges = accountBadges(accounts.map((a) => a.account))
  const accountOf = accounts.length > 1 ? (m: MessageSummary) => badges.get(m.accountId) : undefined
  const implied: ListFilter[] = unified === 'unread' ? ['unread'] : unified === 'flagged' ? ['flagged'] : []
  const across = unified
    ? {
        accountOf: (m: MessageSummary) => badges.get(m.accountId),
        roleOf: (id: string) => all.find((m) => m.id === id)?.role,
        foldersOf: (accountId: string) => all.filter((m) => m.accountId === accountId),
        implied,
      }
    : undefined

  return (
    <div
      className={foldersOpen ? 'reader-panes folders-open' : 'reader-panes'}
      style={paneStyle}
      onKeyDown={(e) => {
        if (foldersOpen && e.key === 'Escape') setFoldersOpen(false)
      }}
    >
      {boxes.state === 'failed' && <ErrorNotice error={boxes.error} />}
      {boxes.state === 'loading' && (
        <p className="reader-note" aria-busy="true">
          Loading folders…
        </p>
      )}
      {boxes.state === 'ready' && (
        <>
          <button
            type="button"
            className="folders-toggle"
            aria-expanded={foldersOpen}
            aria-controls="folder-column"
            onClick={() => setFoldersOpen((v) => !v)}
          >
            Folders
          </button>
          <div className="folder-column" id="folder-column">
            <SearchField
              value={query}
              onChange={setQuery}
              inputRef={searchRef}
              onEnterResults={() => document.getElementById(RESULTS_DOM_ID)?.focus()}
              folders={all.map((m) => m.name)}
            />
            <p className="unread-total" data-testid="unread-total">
              {unread > 0 ? `${unread} unread` : 'No unread mail'}
            </p>
            <p className="visually-hidden" role="status">
              {unreadNews}
            </p>
            <MailboxTree
              accounts={accounts}
              selectedId={selected?.id ?? null}
              unreadInInboxes={unread}
              onSelect={(m) => {
                setQuery('')
                setChosenId(m.id)
                setFoldersOpen(false)
              }}
            />
            <SavedSearches active={query} onOpen={setQuery} />
          </div>
          <Splitter pane="folders" />
          {search.state !== 'idle' ? (
            <SearchPane
              search={search}
              folderName={folderName}
              onLeave={() => searchRef.current?.focus()}
              accountOf={accountOf}
            />
          ) : selected ? (
            <MailboxPane
              key={selected.id}
              mailbox={selected}
              folderName={folderName}
              folders={all.filter((m) => m.accountId === selected.accountId)}
              elsewhere={{
                folders: all.filter((m) => m.accountId !== selected.accountId),
                accountName: (id) => badges.get(id)?.name,
              }}
              openRequest={openRequest?.mailboxId === selected.id ? openRequest : null}
              across={across}
            />
          ) : (
            <p className="reader-note">No folders yet: the first sync is still running.</p>
          )}
        </>
      )}
    </div>
  )
}
