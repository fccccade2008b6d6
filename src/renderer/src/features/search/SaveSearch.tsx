import { useState } from 'react'
import { ErrorNotice } from '../../lib/ErrorNotice'
import { useSavedSearches } from './use-saved-searches'

/** "Save search": names the current query and keeps it as a virtual folder. */
export function SaveSearch({ query }: { query: string }) {
  const { list, error, save } = useSavedSearches()
  const [naming, setNaming] = useState<string | null>(null)
  if (list.some((s) => s.query === query.trim())) return null
  if (naming === null) {
    return (
      <button type="button" className="save-search" onClick={() => setNaming(query.trim())}>
        Save search
      </button>
    )
  }
  return (
    <form
      className="save-search-form"
      onSubmit={(e) => {
        e.preventDefault()
        void save(naming, query).then((ok) => ok && setNaming(null))
      }}
    >
      <label>
        Name <input value={naming} onChange={(e) => setNaming(e.target.value)} autoFocus />
      </label>
      <button type="submit">Save</button>
      <button type="button" onClick={() => setNaming(null)}>
        Cancel
      </button>
      {error && <ErrorNotice error={error} />}
    </form>
  )
}
