import { useState, type KeyboardEvent } from 'react'
import type { Mailbox } from '../../../../shared/model/mail'
import { mailboxLabel } from './MailboxTree'

export interface FolderPickerProps {
  /** "Move to" or "Copy to". */
  title: string
  /** The account's folders (the ones that cannot hold messages are left out). */
  folders: readonly Mailbox[]
  /** A folder not offered (the one the messages are in, for a move). */
  excludeId?: string
  /**
   * The account name shown before folders of another account ("Work / Projects"), undefined for the
   * messages' own account: a move there copies over and deletes the original once the copy is
   * confirmed (main's cross-account transfer).
   */
  accountOf?: (m: Mailbox) => string | undefined
  onPick: (mailbox: Mailbox) => void
  onCancel: () => void
}

/** Each folder's full name as people read it ("Projects / Alpha"): its parents' names, then its own. */
function folderPaths(folders: readonly Mailbox[]): Map<string, string> {
  // Paths are per account: two accounts both have an INBOX.
  const key = (accountId: string, path: string) => `${accountId}\u0000${path}`
  const byPath = new Map(folders.map((m) => [key(m.accountId, m.path), m]))
  const names = new Map<string, string>()
  for (const m of folders) {
    const parts = [mailboxLabel(m)]
    // Bounded by the number of folders, so a parent loop in bad data cannot hang the picker.
    for (let p = m.parentPath, n = 0; p !== null && n < folders.length; n++) {
      const parent = byPath.get(key(m.accountId, p))
      if (!parent) break
      parts.unshift(mailboxLabel(parent))
      p = parent.parentPath
    }
    names.set(m.id, parts.join(' / '))
  }
  return names
}

/**
 * "Move to…" / "Copy to…": every folder of the account, filtered as the person types (any part of
 * its path, any case); arrows choose, Enter picks, Escape cancels. A combobox with a listbox, so
 * the focus stays in the field while the choice moves.
 */
export function FolderPicker({ title, folders, excludeId, accountOf, onPick, onCancel }: FolderPickerProps) {
  const [filter, setFilter] = useState('')
  const [active, setActive] = useState(0)
  const paths = folderPaths(folders)
  const folderPath = (m: Mailbox) => {
    const path = paths.get(m.id) ?? mailboxLabel(m)
    const account = accountOf?.(m)
    return account ? `${account} / ${path}` : path
  }
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean)
  const offered = folders.filter(
    (m) => m.selectable && m.id !== excludeId && words.every((w) => folderPath(m).toLowerCase().includes(w)),
  )
  const at = Math.min(active, offered.length - 1)
  const onKeyDown = (e: KeyboardEvent) => {
    // The reader's single-key shortcuts must not act behind the picker.
    e.stopPropagation()
    if (e.key === 'Escape') {
      e.preventDefault()
      onCancel()
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault()
      const step = e.key === 'ArrowDown' ? 1 : -1
      setActive(Math.max(0, Math.min(offered.length - 1, at + step)))
    } else if (e.key === 'Enter') {
      e.preventDefault()
      const chosen = offered[at]
      if (chosen) onPick(chosen)
    }
  }
  return (
    <div className="dialog-backdrop">
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby="folder-picker-title"
        className="dialog folder-picker"
        data-testid="folder-picker"
        onKeyDown={onKeyDown}
      >
        <h2 id="folder-picker-title">{title}</h2>
        {/* Focused as it mounts (in React's commit, not a later effect): typing filters at once. */}
        <input
          autoFocus
          type="text"
          role="combobox"
          aria-label="Folder name"
          aria-expanded="true"
          aria-controls="folder-picker-list"
          aria-activedescendant={at >= 0 ? `folder-option-${at}` : undefined}
          aria-autocomplete="list"
          placeholder="Type to filter folders"
          value={filter}
          onChange={(e) => {
            setFilter(e.target.value)
            setActive(0)
          }}
        />
        <ul id="folder-picker-list" role="listbox" aria-label="Folders" className="folder-picker-list">
          {offered.map((m, i) => (
            <li
              key={m.id}
              id={`folder-option-${i}`}
              role="option"
              aria-selected={i === at}
              className={i === at ? 'active' : undefined}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => onPick(m)}
            >
              {folderPath(m)}
            </li>
          ))}
        </ul>
        {offered.length === 0 && <p className="empty-note">No folder matches “{filter}”.</p>}
        <div className="dialog-actions">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </div>
    </div>
  )
}
