import { useCallback, useEffect, useRef } from 'react'

/** Keys the reader answers anywhere outside text fields and dialogs. */
export type ShortcutKey =
  | 'next'
  | 'previous'
  | 'toggleRead'
  | 'toggleFlag'
  | 'delete'
  | 'reply'
  | 'replyAll'
  | 'forward'
  | 'forwardAsAttachment'
  | 'moveTo'

const KEYS: Record<string, ShortcutKey | undefined> = {
  j: 'next',
  k: 'previous',
  u: 'toggleRead',
  s: 'toggleFlag',
  Delete: 'delete',
  r: 'reply',
  a: 'replyAll',
  f: 'forward',
  F: 'forwardAsAttachment',
  // As in Gmail.
  v: 'moveTo',
}

function typingInto(target: EventTarget | null): boolean {
  const el = target as (Element & { isContentEditable?: boolean }) | null
  if (!el || typeof el.closest !== 'function') return false
  return (
    el.isContentEditable === true ||
    el.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]') !== null ||
    el.closest('[role="dialog"], [role="alertdialog"]') !== null
  )
}

/**
 * A modal dialog (the composer, a confirmation) owns the keyboard while it is open, wherever focus
 * happens to be: a letter typed then must never flag, delete or answer the message behind it.
 */
function modalOpen(): boolean {
  return typeof document !== 'undefined' && document.querySelector('[aria-modal="true"]') !== null
}

/** Which shortcut a key press is, or null (modifiers, typing, a modal open, or already handled). */
export function shortcutFor(e: KeyboardEvent): ShortcutKey | null {
  if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || typingInto(e.target)) return null
  if (modalOpen()) return null
  return KEYS[e.key] ?? null
}

/**
 * Single-key shortcuts (j/k move, u read/unread, s flag, Delete, r reply, a reply all,
 * f forward, Shift+F forward as attachment, v move to a folder), on the whole window. Arrows and
 * Enter belong to the focused list itself. Returns the handler so the message frame, whose key
 * presses do not reach this document, can forward them.
 */
export function useReaderShortcuts(handle: (key: ShortcutKey) => void): (e: KeyboardEvent) => void {
  const latest = useRef(handle)
  useEffect(() => {
    latest.current = handle
  })
  const onKey = useCallback((e: KeyboardEvent) => {
    const key = shortcutFor(e)
    if (!key) return
    e.preventDefault()
    latest.current(key)
  }, [])
  useEffect(() => {
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [onKey])
  return onKey
}
