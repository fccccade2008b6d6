import { useCallback, useEffect, useState } from 'react'
import type { OutboxItem } from '../../../../shared/model/compose'
import { call, onMailEvent } from '../../lib/ipc'

/** The outbox, re-read whenever main says it changed. */
export function useOutbox(): { items: OutboxItem[]; reload: () => void } {
  const [items, setItems] = useState<OutboxItem[]>([])
  const reload = useCallback(() => {
    call('listOutbox').then(setItems, () => undefined)
  }, [])
  useEffect(() => {
    reload()
    return onMailEvent('outbox:changed', reload)
  }, [reload])
  return { items, reload }
}

/** A clock that ticks every second while `active` (for undo countdowns). */
export function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!active) return
    const t = setInterval(() => setNow(Date.now()), 500)
    return () => clearInterval(t)
  }, [active])
  return now
}
