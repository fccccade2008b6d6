import { useEffect, useState } from 'react'
import type { AppHealth } from '../../../../shared/model/app-health'
import { call, onMailEvent } from '../../lib/ipc'

/** Main's health state (the store, stopped background work): read once, then followed by event. */
export function useAppHealth(): AppHealth | null {
  const [health, setHealth] = useState<AppHealth | null>(null)
  useEffect(() => {
    let live = true
    let pushed = false
    const off = onMailEvent('app:health', (h) => {
      pushed = true
      setHealth(h)
    })
    // An event that arrived meanwhile is newer than this answer.
    call('getAppHealth').then(
      (h) => live && !pushed && setHealth(h),
      () => undefined,
    )
    return () => {
      live = false
      off()
    }
  }, [])
  return health
}
