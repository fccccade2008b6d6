import { useState } from 'react'
import type { ListView } from '../../../../shared/model/list-view'
import { readListView, writeListView } from './list-view-store'

/** A folder's sort and filters: read when the folder opens, kept whenever they change. */
export function useListView(listId: string): [ListView, (view: ListView) => void] {
  const [view, setView] = useState<ListView>(() => readListView(listId))
  return [
    view,
    (next: ListView) => {
      writeListView(listId, next)
      setView(next)
    },
  ]
}
