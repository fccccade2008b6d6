import { useCallback, useEffect, useRef, useState } from 'react'
import type { AppErrorData } from '../../../../shared/errors'
import { errorData } from '../../lib/error-data'
import { call, onMailEvent } from '../../lib/ipc'
import { actionWords, undoneWords } from './undo-words'

/** How long the toast stays (a few seconds: long enough to reach the button, short enough not to linger). */
export const TOAST_MS = 6000

export type UndoToastState =
  | { kind: 'none' }
  | { kind: 'done'; words: string }
  | { kind: 'undone'; words: string }
  | { kind: 'failed'; error: AppErrorData }

/** Ctrl/Cmd+Z outside text fields: fields keep their own undo (the composer's typing). */
function isUndoKey(e: KeyboardEvent): boolean {
  if (e.key.toLowerCase() !== 'z' || e.shiftKey || e.altKey || !(e.ctrlKey || e.metaKey)) return false
  const t = e.target as HTMLElement | null
  if (!t || typeof t.closest !== 'function') return true
  return !t.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"], .composer')
}

/**
 * The undo toast's state: main announces every undoable action (`mail:undoable`, whoever asked
 * for it: buttons, keys, menus, drag and drop); Undo and Ctrl/Cmd+Z ask main to take back the
 * newest one (`undoLast`).
 */
export function useUndo(): { state: UndoToastState; undo: () => void; dismiss: () => void } {
  const [state, setState] = useState<UndoToastState>({ kind: 'none' })
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const live = useRef(true)

  const show = useCallback((next: UndoToastState) => {
    if (!live.current) return
    clearTimeout(timer.current)
    setState(next)
    if (next.kind !== 'failed') timer.current = setTimeout(() => setState({ kind: 'none' }), TOAST_MS)
  }, [])

  const undo = useCallback(() => {
    call('undoLast').then(
      (outcome) => show(outcome ? { kind: 'undone', words: undoneWords(outcome) } : { kind: 'none' }),
      (err: unknown) => show({ kind: 'failed', error: errorData(err) }),
    )
  }, [show])

  useEffect(() => {
    live.current = true
    const off = onMailEvent('mail:undoable', (a) => show({ kind: 'done', words: actionWords(a) }))
    const onKey = (e: KeyboardEvent) => {
      if (!isUndoKey(e)) return
      e.preventDefault()
      undo()
    }
    window.addEventListener('keydown', onKey)
    return () => {
      live.current = false
      off()
      window.removeEventListener('keydown', onKey)
      clearTimeout(timer.current)
    }
  }, [show, undo])

  return { state, undo, dismiss: () => show({ kind: 'none' }) }
}
