import {
  LIST_SORT_KEYS,
  NATURAL_DESCENDING,
  type ListFilter,
  type ListSortKey,
  type ListView,
} from '../../../../shared/model/list-view'
import { toggledFilter } from './list-view-store'

const SORT_NAMES: Record<ListSortKey, string> = {
  date: 'Date',
  from: 'Sender',
  subject: 'Subject',
  size: 'Size',
}

/** What the direction button says, per key: the order the list is in now. */
const DIRECTION: Record<ListSortKey, [ascending: string, descending: string]> = {
  date: ['Oldest first', 'Newest first'],
  from: ['A to Z', 'Z to A'],
  subject: ['A to Z', 'Z to A'],
  size: ['Smallest first', 'Largest first'],
}

const FILTER_NAMES: Record<ListFilter, string> = {
  unread: 'Unread',
  flagged: 'Flagged',
  attachments: 'Attachments',
  contacts: 'From contacts',
}

export interface ListControlsProps {
  view: ListView
  onChange: (view: ListView) => void
  /** Filters this list offers (a unified "All Unread" has no use for "Unread"). */
  filters?: readonly ListFilter[]
}

/** Sort (key and direction) and quick filters above a message list. */
export function ListControls({ view, onChange, filters }: ListControlsProps) {
  const offered = filters ?? (Object.keys(FILTER_NAMES) as ListFilter[])
  const [ascending, descending] = DIRECTION[view.sort]
  return (
    <div className="list-controls" role="toolbar" aria-label="Sort and filter">
      <label className="list-sort">
        Sort by{' '}
        <select
          value={view.sort}
          onChange={(e) => {
            const sort = e.target.value as ListSortKey
            onChange({ ...view, sort, descending: NATURAL_DESCENDING[sort] })
          }}
        >
          {LIST_SORT_KEYS.map((k) => (
            <option key={k} value={k}>
              {SORT_NAMES[k]}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="list-direction"
        title="Reverse the order"
        onClick={() => onChange({ ...view, descending: !view.descending })}
      >
        {view.descending ? descending : ascending}
      </button>
      <span className="list-filters">
        {offered.map((f) => (
          <button
            key={f}
            type="button"
            aria-pressed={view.filters.includes(f)}
            onClick={() => onChange(toggledFilter(view, f))}
          >
            {FILTER_NAMES[f]}
          </button>
        ))}
      </span>
    </div>
  )
}
