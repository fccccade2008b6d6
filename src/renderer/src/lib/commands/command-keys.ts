import { commandForKey, type CommandId, type PresetId } from '../../../../shared/commands/command-table'

function typingInto(target: EventTarget | null): boolean {
  const el = target as (Element & { isContentEditable?: boolean }) | null
  if (!el || typeof el.closest !== 'function') return false
  return (
    el.isContentEditable === true ||
    el.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]') !== null ||
    el.closest('[role="dialog"], [role="alertdialog"], [role="menu"]') !== null
  )
}

/**
 * A modal dialog (the composer, a confirmation) owns the keyboard while it is open, wherever focus
 * happens to be: a letter typed then must never flag, delete or answer the message behind it.
 */
function modalOpen(): boolean {
  return typeof document !== 'undefined' && document.querySelector('[aria-modal="true"]') !== null
}

/** Which command a key press runs, or null (modifiers, typing, a modal open, or already handled). */
export function commandForEvent(e: KeyboardEvent, preset: PresetId): CommandId | null {
  if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || typingInto(e.target)) return null
  if (modalOpen()) return null
  return commandForKey(e.key, e.shiftKey, preset) ?? null
}
