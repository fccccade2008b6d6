import { useEffect, useRef, useState, type ReactNode } from 'react'
import type { AppErrorData } from '../../../../shared/errors'
import { ZOOM_STEPS, type Settings } from '../../../../shared/model/settings'
import { errorData } from '../../lib/error-data'
import { ErrorNotice } from '../../lib/ErrorNotice'
import { useSettings } from './use-settings'
import './settings.css'

type Options<T extends string> = readonly (readonly [value: T, label: string])[]

function Choice<T extends string>(props: {
  id: string
  label: string
  value: T
  options: Options<T>
  onChange: (value: T) => void
  hint?: string
}) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <select
        id={props.id}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value as T)}
        aria-describedby={props.hint ? `${props.id}-hint` : undefined}
      >
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      {props.hint && (
        <p id={`${props.id}-hint`} className="field-hint">
          {props.hint}
        </p>
      )}
    </div>
  )
}

function Check(props: { id: string; label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <div className="field checkbox">
      <input
        id={props.id}
        type="checkbox"
        checked={props.checked}
        onChange={(e) => props.onChange(e.target.checked)}
      />
      <label htmlFor={props.id}>{props.label}</label>
    </div>
  )
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset>
      <legend>{title}</legend>
      {children}
    </fieldset>
  )
}

const MARK_READ: Options<string> = [
  ['0', 'At once'],
  ['2', 'After 2 seconds'],
  ['5', 'After 5 seconds'],
  ['10', 'After 10 seconds'],
  ['never', 'Never (only by hand)'],
]
const UNDO: Options<string> = [
  ['0', 'Off (send at once)'],
  ['5', '5 seconds'],
  ['10', '10 seconds'],
  ['20', '20 seconds'],
  ['30', '30 seconds'],
]

/**
 * The Settings page: every change is saved by main and applied at once (no Save button); a
 * refused change comes back with main's words and the previous value.
 */
export function SettingsPage() {
  const { settings: s, loaded, update } = useSettings()
  const [error, setError] = useState<AppErrorData | null>(null)
  const [saved, setSaved] = useState('')
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [])

  const set = (patch: Partial<Settings>) => {
    setError(null)
    update(patch).then(
      () => setSaved('Saved.'),
      (err: unknown) => {
        setSaved('')
        setError(errorData(err))
      },
    )
  }
  const markRead = s.markReadAfterSeconds === null ? 'never' : String(s.markReadAfterSeconds)
  const withCurrent = (options: Options<string>, value: string, label: string): Options<string> =>
    options.some(([v]) => v === value) ? options : [...options, [value, label]]

  return (
    <section className="settings-page" aria-labelledby="settings-title" aria-busy={!loaded}>
      <h2 id="settings-title" ref={heading} tabIndex={-1}>
        Settings
      </h2>
      {error && <ErrorNotice error={error} />}
      <p className="visually-hidden" role="status">
        {saved}
      </p>
      <Section title="Reading">
        <Choice
          id="set-mark-read"
          label="Mark a message as read"
          value={markRead}
          options={withCurrent(MARK_READ, markRead, `After ${markRead} seconds`)}
          onChange={(v) => set({ markReadAfterSeconds: v === 'never' ? null : Number(v) })}
        />
        <Check
          id="set-open-next"
          label="Open the next message after delete, archive or move"
          checked={s.openNextAfterDelete}
          onChange={(v) => set({ openNextAfterDelete: v })}
        />
        <Choice
          id="set-remote"
          label="Remote content in messages (images, fonts)"
          value={s.remoteContent}
          options={[
            ['block', 'Blocked until I allow it (protects your privacy)'],
            ['allow', 'Always shown'],
          ]}
          hint="Remote images can tell the sender when and where you read a message."
          onChange={(v) => set({ remoteContent: v })}
        />
        <Check
          id="set-conversation"
          label="Show the conversation above the message"
          checked={s.conversationView}
          onChange={(v) => set({ conversationView: v })}
        />
      </Section>
      <Section title="Composing">
        <Choice
          id="set-format"
          label="Format of new messages"
          value={s.defaultFormat}
          options={[
            ['html', 'Formatted (HTML with a plain-text copy)'],
            ['plain', 'Plain text'],
          ]}
          onChange={(v) => set({ defaultFormat: v })}
        />
        <Choice
          id="set-undo"
          label="Undo send"
          value={String(s.undoSendSeconds)}
          options={withCurrent(UNDO, String(s.undoSendSeconds), `${s.undoSendSeconds} seconds`)}
          hint="How long a sent message waits in the outbox, so that Undo can bring it back."
          onChange={(v) => set({ undoSendSeconds: Number(v) })}
        />
      </Section>
      <Section title="Notifications">
        <Check
          id="set-notify"
          label="Notify me of new mail in an Inbox"
          checked={s.notifyNewMail}
          onChange={(v) => set({ notifyNewMail: v })}
        />
      </Section>
      <Section title="Appearance">
        <Choice
          id="set-theme"
          label="Theme"
          value={s.theme}
          options={[
            ['system', 'As the system'],
            ['light', 'Light'],
            ['dark', 'Dark'],
          ]}
          onChange={(v) => set({ theme: v })}
        />
        <Choice
          id="set-zoom"
          label="Zoom"
          value={String(s.zoom)}
          options={withCurrent(
            ZOOM_STEPS.map((z) => [String(z), `${Math.round(z * 100)} %`] as const),
            String(s.zoom),
            `${Math.round(s.zoom * 100)} %`,
          )}
          hint="Also Ctrl and + or −; Ctrl and 0 resets."
          onChange={(v) => set({ zoom: Number(v) })}
        />
      </Section>
      <Section title="Keyboard">
        <Choice
          id="set-shortcuts"
          label="Shortcut set"
          value={s.shortcutPreset}
          options={[
            ['default', 'Mailroom'],
            ['gmail', 'Gmail style'],
          ]}
          onChange={(v) => set({ shortcutPreset: v })}
        />
      </Section>
    </section>
  )
}
