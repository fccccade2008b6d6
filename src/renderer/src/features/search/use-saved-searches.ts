import { useCallback, useEffect, useState } from 'react'
import type { AppErrorData } from '../../../../shared/errors'
import type { SavedSearch } from '../../../../shared/model/search'
import { errorData } from '../../lib/error-data'
import { call, onMailEvent } from '../../lib/ipc'

/** Saving or removing anywhere tells every list to read again (the tree and the save button). */
const changes = new EventTarget()

/** The saved searches with their unread counts, read again when mail changes or the list does. */
export function useSavedSearches(): {
  list: SavedSearch[]
  error: AppErrorData | null
  save: (name: string, query: string) => Promise<boolean>
  remove: (id: string) => void
} {
  const [list, setList] = useState<SavedSearch[]>([])
  const [error, setError] = useState<AppErrorData | null>(null)
  const [generation, setGeneration] = useState(0)
  useEffect(() => {
    const again = () => setGeneration((g) => g + 1)
    changes.addEventListener('changed', again)
    const off = onMailEvent('mailbox:changed', again)
    return () => {
      changes.removeEventListener('changed', again)
      off()
    }
  }, [])
  useEffect(() => {
    let current = true
    call('listSavedSearches').then(
      (l) => current && setList(l),
      (err: unknown) => current && setError(errorData(err)),
    )
    return () => {
      current = false
    }
  }, [generation])
  const save = useCallback(async (name: string, query: string) => {
    try {
      setList(await call('saveSearch', name, query))
      setError(null)
      changes.dispatchEvent(new Event('changed'))
      return true
    } catch (err) {
      setError(errorData(err))
      return false
    }
  }, [])
  const remove = useCallback((id: string) => {
    call('removeSavedSearch', id).then(
      (l) => {
        setList(l)
        changes.dispatchEvent(new Event('changed'))
      },
      (err: unknown) => setError(errorData(err)),
    )
  }, [])
  return { list, error, save, remove }
}
