import { useLayoutEffect, useState, type KeyboardEvent, type RefObject } from 'react'
import { querySuggestions } from './query-suggestions'
import './search.css'

export interface SearchFieldProps {
  value: string
  onChange: (value: string) => void
  inputRef: RefObject<HTMLInputElement | null>
  /** Arrow Down or Enter: the keyboard moves on to the results. */
  onEnterResults: () => void
  /** Folder names offered after `in:`. */
  folders?: readonly string[]
}

/** Where a key press happened: the place where `/` is typed, or where Ctrl+F belongs to others. */
function inside(target: EventTarget | null, selector: string): boolean {
  const el = target as HTMLElement | null
  if (!el || typeof el.closest !== 'function') return false
  return el.isContentEditable || el.closest(selector) !== null
}
const TEXT_FIELDS = 'input, textarea, select, [role="dialog"], [role="alertdialog"]'
/** The composer (a dialog, a rich editor) keeps Ctrl+F; the reader's fields do not. */
const OTHER_WORK = 'textarea, [role="dialog"], [role="alertdialog"]'

/**
 * The search box. `/` (outside text fields) or Ctrl+F (Cmd+F) focuses it from anywhere in the
 * reader; Escape clears it and so returns to the folder's list.
 */
export function SearchField({ value, onChange, inputRef, onEnterResults, folders = [] }: SearchFieldProps) {
  const [focused, setFocused] = useState(false)
  const suggestions = focused ? querySuggestions(value, folders) : []

  // A layout effect: the keys work from the moment the field is on screen.
  useLayoutEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      const find =
        (e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'f' && !inside(e.target, OTHER_WORK)
      const slash = e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !inside(e.target, TEXT_FIELDS)
      if (e.defaultPrevented || !(find || slash)) return
      e.preventDefault()
      inputRef.current?.focus()
      inputRef.current?.select()
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [inputRef])

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const first = suggestions[0]
    if (e.key === 'Tab' && !e.shiftKey && first) {
      // Tab completes the word being typed (the first suggestion), as in a shell.
      e.preventDefault()
      onChange(first.query)
    } else if (e.key === 'Escape') {
      e.preventDefault()
      onChange('')
    } else if ((e.key === 'ArrowDown' || e.key === 'Enter') && value.trim()) {
      e.preventDefault()
      onEnterResults()
    }
  }

  return (
    <div className="search-field" role="search">
      <input
        ref={inputRef}
        type="search"
        aria-label="Search mail"
        placeholder="Search mail  ( / )"
        value={value}
        maxLength={500}
        spellCheck={false}
        autoComplete="off"
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={onKeyDown}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
        aria-autocomplete="list"
        aria-controls={suggestions.length ? 'search-suggestions' : undefined}
      />
      {suggestions.length > 0 && (
        <ul
          id="search-suggestions"
          className="search-suggestions"
          role="listbox"
          aria-label="Search suggestions"
        >
          {suggestions.map((s, i) => (
            <li
              key={s.label}
              role="option"
              aria-selected={i === 0}
              // mousedown, not click: the field keeps its focus (a blur would hide the list first).
              onMouseDown={(e) => {
                e.preventDefault()
                onChange(s.query)
              }}
            >
              {s.label}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
