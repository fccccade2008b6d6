import { useEffect, useRef, useState } from 'react'
import {
  COMMANDS,
  keyLabel,
  LIST_KEYS,
  PRESET_LABELS,
  PRESETS,
  type MenuGroup,
} from '../../../../shared/commands/command-table'
import { useCommandPrefs, useCommandScope } from '../../lib/commands'
import './shortcuts.css'

const GROUPS: { group: MenuGroup; title: string }[] = [
  { group: 'message', title: 'Message' },
  { group: 'go', title: 'Moving around' },
  { group: 'file', title: 'Writing' },
  { group: 'help', title: 'Help' },
]

/**
 * `?` shows every key: the command table's keys in the chosen preset (so the sheet cannot
 * disagree with what the keys do) and the list's own keys. A modal dialog: focus goes to it,
 * Escape closes it and focus returns where it was. The preset can be switched here too.
 */
export function ShortcutSheet() {
  const [open, setOpen] = useState(false)
  useCommandScope({ showShortcuts: { run: () => setOpen(true) } })
  return open ? <SheetDialog onClose={() => setOpen(false)} /> : null
}

function SheetDialog({ onClose }: { onClose: () => void }) {
  const [prefs, setPrefs] = useCommandPrefs()
  const close = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    const before = document.activeElement
    close.current?.focus()
    return () => {
      if (before instanceof HTMLElement && before.isConnected) before.focus()
    }
  }, [])
  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcut-sheet-title"
        className="dialog shortcut-sheet"
        onKeyDown={(e) => {
          // The reader's keys must not act behind the sheet.
          e.stopPropagation()
          if (e.key === 'Escape') {
            e.preventDefault()
            onClose()
          }
        }}
      >
        <h2 id="shortcut-sheet-title">Keyboard shortcuts</h2>
        <label className="shortcut-preset">
          Key set{' '}
          <select
            value={prefs.preset}
            onChange={(e) => setPrefs({ preset: e.target.value === 'gmail' ? 'gmail' : 'default' })}
          >
            {PRESETS.map((p) => (
              <option key={p} value={p}>
                {PRESET_LABELS[p]}
              </option>
            ))}
          </select>
        </label>
        {GROUPS.map(({ group, title }) => {
          const rows = COMMANDS.filter((c) => c.menu === group && c.keys[prefs.preset].length > 0)
          if (rows.length === 0) return null
          return (
            <section key={group} aria-labelledby={`shortcuts-${group}`}>
              <h3 id={`shortcuts-${group}`}>{title}</h3>
              <dl className="shortcut-list">
                {rows.map((c) => (
                  <div key={c.id} className="shortcut-row" data-command={c.id}>
                    <dt>
                      {c.keys[prefs.preset].map((k, i) => (
                        <span key={k}>
                          {i > 0 && ' or '}
                          <kbd>{keyLabel(k)}</kbd>
                        </span>
                      ))}
                    </dt>
                    <dd>{c.label}</dd>
                  </div>
                ))}
              </dl>
            </section>
          )
        })}
        <section aria-labelledby="shortcuts-list">
          <h3 id="shortcuts-list">In the message list</h3>
          <dl className="shortcut-list">
            {LIST_KEYS.map((k) => (
              <div key={`${k.keys} ${k.label}`} className="shortcut-row">
                <dt>
                  <kbd>{k.keys}</kbd>
                </dt>
                <dd>{k.label}</dd>
              </div>
            ))}
          </dl>
        </section>
        <div className="dialog-actions">
          <button type="button" ref={close} onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </div>
  )
}
