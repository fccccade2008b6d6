import { useState } from 'react'
import type { MessageFlags, MessageSummary } from '../../../../shared/model/mail'
import type { SearchHit } from '../../../../shared/model/search'
import { useCommandPrefs, useCommandScope } from '../../lib/commands'
import { ErrorNotice } from '../../lib/ErrorNotice'
import { useSelection, type RowAccount } from '../message-list'
import {
  mergeServerHits,
  SaveSearch,
  SearchResultList,
  ServerSearchBar,
  useServerSearch,
  type SearchState,
} from '../search'
import { Splitter } from '../layout'
import { BackToList } from './BackToList'
import { BulkActions } from './BulkActions'
import { PendingDelete } from './DeleteConfirmDialog'
import { MessageView } from './MessageView'
import { nextAfterRemoval, readerBindings } from './reader-commands'
import { useBulkActions } from './use-bulk-actions'
import { useMessageCommands } from './use-message-commands'

export interface SearchPaneProps {
  search: Exclude<SearchState, { state: 'idle' }>
  folderName: (mailboxId: string) => string | undefined
  /** Back to the search field (Escape in the results). */
  onLeave: () => void
  /** Whose each hit is (with two accounts or more). */
  accountOf?: (m: MessageSummary) => RowAccount | undefined
}

/**
 * Search results in place of the message list, and the reading pane beside them: the same rows,
 * keys and reader as a folder, each row naming its folder. Actions go to main like the list's;
 * main's `mailbox:changed` makes the search run again.
 */
export function SearchPane({ search, folderName, onLeave, accountOf }: SearchPaneProps) {
  const [cursor, setCursor] = useState(-1)
  const [openId, setOpenId] = useState<string | null>(null)
  const [opened, setOpened] = useState<MessageSummary | null>(null)
  const [flags, setFlagPatch] = useState<Record<string, Partial<MessageFlags>>>({})
  const [sourceOf, setSourceOf] = useState<string | null>(null)
  const [prefs] = useCommandPrefs()
  // Another query: the keyboard starts again from the top (the open message stays open).
  const [cursorQuery, setCursorQuery] = useState(search.query)
  if (cursorQuery !== search.query) {
    setCursorQuery(search.query)
    setCursor(-1)
  }

  const result = search.state === 'ready' ? search.result : search.state === 'searching' ? search.last : null
  const { server, run: searchOnServer } = useServerSearch(search)
  const localHits = result?.items ?? []
  const merged = mergeServerHits(localHits, server.state === 'ready' ? server.result.items : [])
  const hits: SearchHit[] = merged.map((h) =>
    flags[h.id] ? { ...h, flags: { ...h.flags, ...flags[h.id] } } : h,
  )
  const openHit = hits.find((h) => h.id === openId)
  const openSummary = openHit ?? (opened?.id === openId ? opened : undefined)
  // Messages just removed stay in the list until it is read again: the keyboard's row then falls
  // back to the open message (the next one), so a second key never acts on a message already gone.
  const [gone, setGone] = useState<ReadonlySet<string>>(new Set())
  const cursorRow = hits[cursor]
  const current: MessageSummary | undefined =
    (cursorRow && !gone.has(cursorRow.id) ? cursorRow : undefined) ?? openSummary

  const selection = useSelection({
    total: hits.length,
    idAt: (index) => hits[index]?.id,
    idsBetween: (first, last) => Promise.resolve(hits.slice(first, last + 1).map((h) => h.id)),
  })
  // Another query: a selection of the last results goes.
  const [selectionQuery, setSelectionQuery] = useState(search.query)
  if (selectionQuery !== search.query) {
    setSelectionQuery(search.query)
    selection.clear()
  }
  const roleOfId = (id: string) => hits.find((h) => h.id === id)?.mailboxRole
  // No re-read after an action: main's `mailbox:changed` makes the search run again.
  const commands = useMessageCommands({
    patchFlags: (ids, patch) =>
      setFlagPatch((all) => {
        const next = { ...all }
        for (const id of ids) next[id] = { ...all[id], ...patch }
        return next
      }),
    roleOf: (m) => hits.find((h) => h.id === m.id)?.mailboxRole,
    openId,
    close: (removed) => {
      const at = hits.findIndex((h) => h.id === openId)
      const next = prefs.openNextAfterRemove
        ? nextAfterRemoval(at, removed, hits.length, (i) => hits[i])
        : null
      if (next) show(next.message, next.index)
      else setOpenId(null)
    },
    removed: (ids) => {
      selection.clear()
      setGone(new Set(ids))
    },
  })
  const bulk = useBulkActions({
    folders: [],
    deletesForGood: (ids) => ids.some((id) => roleOfId(id) === 'trash'),
    selection,
    commands,
  })
  function show(m: MessageSummary, index: number) {
    setCursor(index)
    setOpenId(m.id)
    setOpened(m)
    commands.markRead(m)
  }
  const commandsFor = commands.commandsFor
  const moveTo = (index: number) => {
    setCursor(index)
    const m = hits[index]
    if (m && prefs.openOnMove && !selection.active) show(m, index)
  }
  const onFrameKey = useCommandScope(
    readerBindings({
      current,
      commands: commandsFor(current),
      // With a selection, the commands that act on messages act on all of it (no Move: the
      // results span accounts).
      bulk: selection.active ? bulk.run : null,
      bulkTransfers: false,
      move: (delta) => {
        if (hits.length === 0) return
        moveTo(Math.max(0, Math.min(hits.length - 1, (cursor < 0 ? -1 : cursor) + delta)))
      },
      viewSource: () => {
        if (!current) return
        setSourceOf(current.id)
        if (current.id !== openId) show(current, hits.indexOf(current as SearchHit))
      },
    }),
  )

  const count = hits.length
  const status =
    search.state === 'failed'
      ? null
      : result === null
        ? 'Searching…'
        : `${count.toLocaleString()}${result.truncated ? '+' : ''} ${count === 1 ? 'message' : 'messages'}`

  return (
    <div className={openId ? 'mailbox-pane-body has-open' : 'mailbox-pane-body'}>
      <div className="list-column">
        <div className="list-heading">
          <h2>Search results</h2>
          <span
            className="list-count"
            aria-live="polite"
            aria-busy={search.state === 'searching' || undefined}
          >
            {status}
          </span>
        </div>
        {search.state === 'failed' &&
          (search.error.detail?.field === 'query' ? (
            // A refused query: main's words name the term and what it takes.
            <p role="alert" className="search-status search-problem">
              {search.error.message}
            </p>
          ) : (
            <ErrorNotice error={search.error} />
          ))}
        {commands.notice && <ErrorNotice error={commands.notice} />}
        {result?.indexing && (
          <p className="search-status">Still indexing recent mail: some may be missing.</p>
        )}
        {result && search.state !== 'failed' && (
          <>
            <ServerSearchBar
              server={server}
              added={merged.length - localHits.length}
              onRun={searchOnServer}
            />
            <SaveSearch query={search.query} />
          </>
        )}
        {result && count === 0 && search.state === 'ready' && (
          <p className="empty-note" role="status">
            No messages match “{search.query}”.
          </p>
        )}
        <section className="message-list-pane" aria-label="Search results">
          <SearchResultList
            query={search.query}
            hits={hits}
            cursor={cursor}
            openId={openId}
            onCursor={setCursor}
            onMove={moveTo}
            onOpen={(i) => {
              const m = hits[i]
              if (m) show(m, i)
            }}
            onLeave={onLeave}
            folderName={(h) => {
              const name = folderName(h.mailboxId) ?? h.mailboxName
              return h.onServer ? `${name} · on server` : name
            }}
            selection={selection}
            accountOf={accountOf}
          />
        </section>
      </div>
      <Splitter pane="list" />
      <div className="reader-column">
        {openId && <BackToList onBack={() => setOpenId(null)} />}
        {selection.active ? (
          <BulkActions
            count={selection.count}
            role={null}
            transfers={false}
            onAction={bulk.run}
            onClear={selection.clear}
          />
        ) : openId ? (
          <MessageView
            key={sourceOf === openId ? `${openId}:source` : openId}
            sourceFirst={sourceOf === openId}
            messageId={openId}
            summary={openSummary}
            commands={commandsFor(openSummary)}
            onFrameKey={onFrameKey}
            mailboxId={openSummary?.mailboxId ?? ''}
            folderName={folderName}
            onOpenInThread={(m) =>
              show(
                m,
                hits.findIndex((h) => h.id === m.id),
              )
            }
          />
        ) : (
          <p className="reader-note">Select a message to read it.</p>
        )}
      </div>
      <PendingDelete deleting={commands.deleting} />
    </div>
  )
}
