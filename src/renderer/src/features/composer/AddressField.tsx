import { useEffect, useId, useState } from 'react'
import type { MailAddress } from '../../../../shared/model/mail'
import { formatAddress, parseAddressList, splitAddressList } from '../../../../shared/mail/addresses'
import { call } from '../../lib/ipc'

interface Props {
  label: string
  name: 'to' | 'cc' | 'bcc'
  value: string
  onChange: (value: string) => void
}

/** The entry being typed: the text after the last top-level comma or semicolon. */
function currentEntry(value: string): string {
  if (/[,;]\s*$/.test(value)) return ''
  const entries = splitAddressList(value)
  return entries[entries.length - 1] ?? ''
}

function replaceCurrent(value: string, address: MailAddress): string {
  const entries = splitAddressList(value)
  if (!/[,;]\s*$/.test(value)) entries.pop()
  return [...entries, formatAddress(address)].join(', ') + ', '
}

/** A To/Cc/Bcc field: RFC 5322 address lists, each bad entry named, suggestions while typing. */
export function AddressField({ label, name, value, onChange }: Props) {
  const id = useId()
  const [focused, setFocused] = useState(false)
  const [suggestions, setSuggestions] = useState<MailAddress[]>([])
  // The suggestion the arrow keys are on (-1: none); announced through aria-activedescendant.
  const [activeIndex, setActiveIndex] = useState(-1)
  const query = currentEntry(value)
  const active = focused && query.trim().length > 0 && !query.includes('<')
  useEffect(() => {
    if (!active) return
    let live = true
    const t = setTimeout(() => {
      call('suggestAddresses', query.trim(), 6).then(
        (list) => {
          if (!live) return
          setSuggestions(list)
          setActiveIndex(-1)
        },
        () => live && setSuggestions([]),
      )
    }, 120)
    return () => {
      live = false
      clearTimeout(t)
    }
  }, [query, active])
  // Only finished entries are judged; the one being typed is not an error yet.
  const judged = focused ? value.slice(0, value.length - query.length) : value
  const problems = parseAddressList(judged).problems
  const shown = active ? suggestions : []
  const pick = (a: MailAddress) => {
    onChange(replaceCurrent(value, a))
    setSuggestions([])
    setActiveIndex(-1)
  }
  const optionId = (i: number) => `${id}-option-${i}`
  const activeOption = shown.length > 0 && activeIndex >= 0 && activeIndex < shown.length ? activeIndex : -1
  return (
    <div className="address-field">
      <label htmlFor={id}>{label}</label>
      <div className="address-input">
        <input
          id={id}
          name={name}
          data-testid={`composer-${name}`}
          value={value}
          autoComplete="off"
          role="combobox"
          aria-expanded={shown.length > 0}
          aria-controls={`${id}-list`}
          aria-autocomplete="list"
          aria-activedescendant={activeOption >= 0 ? optionId(activeOption) : undefined}
          aria-invalid={problems.length > 0}
          onChange={(e) => onChange(e.target.value)}
          onFocus={() => setFocused(true)}
          onBlur={() => setTimeout(() => setFocused(false), 150)}
          onKeyDown={(e) => {
            if (shown.length === 0) return
            if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault()
              const last = shown.length - 1
              if (e.key === 'ArrowDown') setActiveIndex(activeOption >= last ? 0 : activeOption + 1)
              else setActiveIndex(activeOption <= 0 ? last : activeOption - 1)
              return
            }
            if (e.key === 'Escape' && activeOption >= 0) {
              // Leaves the suggestions; a second Escape reaches the composer (close).
              e.preventDefault()
              e.stopPropagation()
              setActiveIndex(-1)
              return
            }
            const chosen = shown[activeOption >= 0 ? activeOption : 0]
            if (e.key === 'Enter' && chosen) {
              e.preventDefault()
              pick(chosen)
            }
          }}
        />
        {shown.length > 0 && (
          <ul className="suggestions" role="listbox" id={`${id}-list`}>
            {shown.map((s, i) => (
              <li
                key={s.address}
                id={optionId(i)}
                role="option"
                aria-selected={i === activeOption}
                className={i === activeOption ? 'active' : undefined}
                onMouseDown={() => pick(s)}
              >
                {formatAddress(s)}
              </li>
            ))}
          </ul>
        )}
      </div>
      {problems.length > 0 && (
        <p className="field-problem" role="alert" data-testid={`composer-${name}-problem`}>
          Not a valid address: {problems.map((p) => `“${p.input}”`).join(', ')}
        </p>
      )}
    </div>
  )
}
