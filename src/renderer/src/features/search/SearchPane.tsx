import { useState } from 'react'
import type { AppErrorData } from '../../../../shared/errors'
import type { MessageFlags, MessageSummary } from '../../../../shared/model/mail'
import type { SearchHit } from '../../../../shared/model/search'
import { ErrorNotice } from '../../lib/ErrorNotice'
import { errorData } from '../../lib/error-data'
import { call } from '../../lib/ipc'
import { DeleteConfirmDialog } from '../reader/DeleteConfirmDialog'
import { messageCommands, shortcutActions, type RemoveMethod } from '../reader/message-commands'
import { useDeleteConfirm } from '../reader/use-delete-confirm'
import { MessageView } from '../reader/MessageView'
import { useReaderShortcuts, type ShortcutKey } from '../reader/use-reader-shortcuts'
import { SearchResultList } from './SearchResultList'
import type { SearchState } from './use-search'

export interface SearchPaneProps {
  search: Exclude<SearchState, { state: 'idle' }>
  folderName: (mailboxId: string) => string | undefined
  /** Back to the search field (Escape in the results). */
  onLeave: () => void
}

/**
 * Search results in place of the message list, and the reading pane beside them: the same rows,
 * keys and reader as a folder, each row naming its folder. Actions go to main like the list's;
 * main's `mailbox:changed` makes the search run again.
 */
export function SearchPane({ search, folderName, onLeave }: SearchPaneProps) {
  const [cursor, setCursor] = useState(-1)
  const [openId, setOpenId] = useState<string | null>(null)
  const [opened, setOpened] = useState<MessageSummary | null>(null)
  const [flags, setFlagPatch] = useState<Record<string, Partial<MessageFlags>>>({})
  const [notice, setNotice] = useState<AppErrorData | null>(null)
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

  const act = (task: () => Promise<unknown>) => {
    setNotice(null)
    task().catch((err: unknown) => setNotice(errorData(err)))
  }
  const setFlags = (m: MessageSummary, patch: Partial<MessageFlags>) => {
    setFlagPatch((all) => ({ ...all, [m.id]: { ...all[m.id], ...patch } }))
    act(() => call('setFlags', [m.id], patch))
  }
  const removeNow = (m: MessageSummary, method: RemoveMethod) => {
    if (m.id === openId) setOpenId(null)
    act(() => call(method, [m.id]))
  }
  const deleting = useDeleteConfirm((m) => removeNow(m, 'deleteMessages'))
  const inTrash = (m: MessageSummary) => hits.find((h) => h.id === m.id)?.mailboxRole === 'trash'
  const removeWith = (m: MessageSummary, method: RemoveMethod) =>
    method === 'deleteMessages' ? deleting.request(m, inTrash(m)) : removeNow(m, method)
  const show = (m: MessageSummary, index: number) => {
    setCursor(index)
    setOpenId(m.id)
    setOpened(m)
    if (!m.flags.seen) setFlags(m, { seen: true })
  }
  const commandsFor = (m: MessageSummary | undefined) =>
    messageCommands(m, {
      setFlags,
      remove: removeWith,
      setNotice,
      // As in a folder: a message of a Drafts folder (another client's too) or flagged \Draft.
      isDraft: (d) => d.flags.draft || hits.find((h) => h.id === d.id)?.mailboxRole === 'drafts',
    })
  const onShortcut = (key: ShortcutKey) =>
    shortcutActions(commandsFor(current), { cursor, count: hits.length, setCursor })[key]()
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
        {notice && <ErrorNotice error={notice} />}
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
          />
        </section>
      </div>
      <div className="reader-column">
        {openId ? (
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
      {deleting.pending && (
        <DeleteConfirmDialog
          message={deleting.pending}
          onDelete={deleting.confirm}
          onCancel={deleting.cancel}
        />
      )}
    </div>
  )
}
