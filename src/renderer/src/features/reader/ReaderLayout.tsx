import { useRef, useState } from 'react'
import type { Mailbox } from '../../../../shared/model/mail'
import { ErrorNotice } from '../../lib/ErrorNotice'
import { unifiedViewOf, type ListFilter } from '../../../../shared/model/list-view'
import type { MessageSummary } from '../../../../shared/model/mail'
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
import { RESULTS_DOM_ID, SearchField, useSearch } from '../search'
import { SearchPane } from './SearchPane'
import { MailboxPane } from './MailboxPane'
import './reader.css'

/** The three panes: folders, messages, the message. Shown once an account exists. */
export function ReaderLayout() {
  const boxes = useMailboxes()
  const [chosenId, setChosenId] = useState<string | null>(null)
  const accounts = boxes.state === 'ready' ? boxes.accounts : []
  const all = accounts.flatMap((a) => a.mailboxes)
  const unread = unreadInInboxes(accounts)
  useUnreadTitle(unread)
  useNewMailNotifications(accounts, setChosenId)
  const [query, setQuery] = useState('')
  const search = useSearch(query)
  const searchRef = useRef<HTMLInputElement>(null)

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
    <div className="reader-panes">
      {boxes.state === 'failed' && <ErrorNotice error={boxes.error} />}
      {boxes.state === 'loading' && (
        <p className="reader-note" aria-busy="true">
          Loading folders…
        </p>
      )}
      {boxes.state === 'ready' && (
        <>
          <div className="folder-column">
            <SearchField
              value={query}
              onChange={setQuery}
              inputRef={searchRef}
              onEnterResults={() => document.getElementById(RESULTS_DOM_ID)?.focus()}
              folders={all.map((m) => m.name)}
            />
            <p className="unread-total" data-testid="unread-total" aria-live="polite">
              {unread > 0 ? `${unread} unread` : 'No unread mail'}
            </p>
            <MailboxTree
              accounts={accounts}
              selectedId={selected?.id ?? null}
              unreadInInboxes={unread}
              onSelect={(m) => {
                setQuery('')
                setChosenId(m.id)
              }}
            />
          </div>
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
