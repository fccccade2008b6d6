import { useEffect, useRef, useState } from 'react'
import type { DraftContent } from '../../../../shared/model/compose'
import { call } from '../../lib/ipc'

/** How often a changed draft is saved (locally in main, which copies it to the server less often). */
export const AUTOSAVE_MS = 3000

/**
 * Saves the draft every few seconds while it keeps changing (not only after typing stops), so a
 * crash loses at most that much. `version` counts edits; returns when it was last saved.
 */
export function useAutosave(content: DraftContent, version: number): number | null {
  const [savedAt, setSavedAt] = useState<number | null>(null)
  const latest = useRef({ content, version })
  useEffect(() => {
    latest.current = { content, version }
  })
  const saved = useRef(0)
  useEffect(() => {
    const t = setInterval(() => {
      const { content: c, version: v } = latest.current
      if (v === saved.current) return
      saved.current = v
      call('saveDraft', c).then(
        (r) => setSavedAt(r.savedAt),
        () => {
          saved.current = -1
        },
      )
    }, AUTOSAVE_MS)
    return () => clearInterval(t)
  }, [])
  return savedAt
}
