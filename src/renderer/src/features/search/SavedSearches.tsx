import { SAVED_UNREAD_CAP } from '../../../../shared/model/search'
import { ErrorNotice } from '../../lib/ErrorNotice'
import { useSavedSearches } from './use-saved-searches'

/**
 * Saved searches as virtual folders in the folder column (issue 17 item 5), each with its unread
 * count; choosing one runs its query in the search box. A section of its own, apart from the
 * account tree and the unified views above it.
 */
export function SavedSearches({ active, onOpen }: { active: string; onOpen: (query: string) => void }) {
  const { list, error, remove } = useSavedSearches()
  if (list.length === 0 && !error) return null
  return (
    <nav className="saved-searches" aria-label="Saved searches">
      <h3 className="saved-searches-title">Saved searches</h3>
      {error && <ErrorNotice error={error} />}
      <ul>
        {list.map((s) => {
          const count =
            s.unread === null ? '' : s.unread > SAVED_UNREAD_CAP ? `${SAVED_UNREAD_CAP}+` : String(s.unread)
          return (
            <li key={s.id} className="saved-search">
              <button
                type="button"
                className="saved-search-open"
                aria-current={active.trim() === s.query ? 'true' : undefined}
                aria-label={`${s.name}${s.unread ? `, ${count} unread` : ''}`}
                title={s.query}
                onClick={() => onOpen(s.query)}
              >
                <span className="saved-search-name">{s.name}</span>
                {s.unread ? <span className="unread-count">{count}</span> : null}
              </button>
              <button
                type="button"
                className="saved-search-remove"
                aria-label={`Remove saved search ${s.name}`}
                onClick={() => remove(s.id)}
              >
                ×
              </button>
            </li>
          )
        })}
      </ul>
    </nav>
  )
}
