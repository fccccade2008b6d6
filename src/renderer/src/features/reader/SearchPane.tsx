import { useState } from 'react'
import type { MessageFlags, MessageSummary } from '../../../../shared/model/mail'
import type { SearchHit } from '../../../../shared/model/search'
import { ErrorNotice } from '../../lib/ErrorNotice'
import { useSelection, type RowAccount } from '../message-list'
import { SearchResultList, type SearchState } from '../search'
import { BulkActions } from './BulkActions'
import { PendingDelete } from './DeleteConfirmDialog'
import { shortcutActions } from './message-commands'
import { MessageView } from './MessageView'
import { useBulkActions } from './use-bulk-actions'
import { useMessageCommands } from './use-message-commands'
import { useReaderShortcuts, type ShortcutKey } from './use-reader-shortcuts'

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
  // Another query: the keyboard starts again from the top (the open message stays open).
  const [cursorQuery, setCursorQuery] = useState(search.query)
  if (cursorQuery !== search.query) {
    setCursorQuery(search.query)
    setCursor(-1)
  }

  const result = search.state === 'ready' ? search.result : search.state === 'searching' ? search.last : null
  const hits: SearchHit[] = (result?.items ?? []).map((h) =>
    flags[h.id] ? { ...h, flags: { ...h.flags, ...flags[h.id] } } : h,
  )
  const openHit = hits.find((h) => h.id === openId)
  const openSummary = openHit ?? (opened?.id === openId ? opened : undefined)
  const current: MessageSummary | undefined = hits[cursor] ?? openSummary

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
    close: () => setOpenId(null),
    removed: () => selection.clear(),
  })
  const bulk = useBulkActions({
    folders: [],
    deletesForGood: (ids) => ids.some((id) => roleOfId(id) === 'trash'),
    selection,
    commands,
  })
  const show = (m: MessageSummary, index: number) => {
    setCursor(index)
    setOpenId(m.id)
    setOpened(m)
    commands.markRead(m)
  }
  const commandsFor = commands.commandsFor
  // With a selection, the keys that act on messages act on all of it.
  const onSelection: Partial<Record<ShortcutKey, () => void>> = {
    delete: () => bulk.run('delete'),
    toggleRead: () => bulk.run(current && !current.flags.seen ? 'read' : 'unread'),
    toggleFlag: () => bulk.run(current && !current.flags.flagged ? 'flag' : 'unflag'),
  }
  const onShortcut = (key: ShortcutKey) =>
    (
      (selection.active ? onSelection[key] : undefined) ??
      shortcutActions(commandsFor(current), { cursor, count: hits.length, setCursor })[key]
    )()
  const onFrameKey = useReaderShortcuts(onShortcut)

  const count = result?.items.length ?? 0
  const status =
    search.state === 'failed'
      ? null
      : result === null
        ? 'Searching…'
        : `${count.toLocaleString()}${result.truncated ? '+' : ''} ${count === 1 ? 'message' : 'messages'}`

  return (
    <div className="mailbox-pane-body">
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
            onOpen={(i) => {
              const m = hits[i]
              if (m) show(m, i)
            }}
            onLeave={onLeave}
            folderName={(h) => folderName(h.mailboxId) ?? h.mailboxName}
            selection={selection}
            accountOf={accountOf}
          />
        </section>
      </div>
      <div className="reader-column">
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
            key={openId}
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
