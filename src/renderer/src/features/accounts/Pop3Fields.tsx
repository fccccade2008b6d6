import type { Pop3Options } from '../../../../shared/model/account'
import type { AccountForm, Problems } from './account-form'
import { Field } from './Field'

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

/** Parses a whole number typed into a field; NaN stays NaN so validation in main names the field. */
const whole = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text))

/** POP3 options, as Thunderbird has them (shown only for POP3 accounts). */
export function Pop3Fields(props: {
  form: AccountForm
  onChange: (form: AccountForm) => void
  problems: Problems
}) {
  const { form, onChange, problems } = props
  const pop3 = form.pop3
  const set = (patch: Partial<Pop3Options>) => onChange({ ...form, pop3: { ...pop3, ...patch } })
  return (
    <fieldset className="pop3-options">
      <legend>POP3 options</legend>
      <Check
        id="pop3-check-at-start"
        label="Check for new mail at start"
        checked={pop3.checkAtStart}
        onChange={(checkAtStart) => set({ checkAtStart })}
      />
      <Field id="pop3-check-every" label="Check every (minutes)" error={problems['pop3.checkEveryMinutes']}>
        {(aria) => (
          <input
            {...aria}
            type="number"
            min={1}
            max={1440}
            value={Number.isNaN(pop3.checkEveryMinutes) ? '' : pop3.checkEveryMinutes}
            onChange={(e) => set({ checkEveryMinutes: whole(e.target.value) })}
          />
        )}
      </Field>
      <Check
        id="pop3-leave-on-server"
        label="Leave messages on the server"
        checked={pop3.leaveOnServer}
        onChange={(leaveOnServer) => set({ leaveOnServer })}
      />
      {pop3.leaveOnServer && (
        <>
          <Check
            id="pop3-delete-after"
            label="Delete them from the server after some days"
            checked={pop3.deleteAfterDays !== null}
            onChange={(on) => set({ deleteAfterDays: on ? 14 : null })}
          />
          {pop3.deleteAfterDays !== null && (
            <Field
              id="pop3-delete-after-days"
              label="Days on the server"
              error={problems['pop3.deleteAfterDays']}
            >
              {(aria) => (
                <input
                  {...aria}
                  type="number"
                  min={1}
                  max={3650}
                  value={
                    pop3.deleteAfterDays === null || Number.isNaN(pop3.deleteAfterDays)
                      ? ''
                      : pop3.deleteAfterDays
                  }
                  onChange={(e) => set({ deleteAfterDays: whole(e.target.value) })}
                />
              )}
            </Field>
          )}
          <Check
            id="pop3-delete-when-deleted"
            label="Delete from the server when I delete them here"
            checked={pop3.deleteOnServerWhenDeletedLocally}
            onChange={(deleteOnServerWhenDeletedLocally) => set({ deleteOnServerWhenDeletedLocally })}
          />
        </>
      )}
    </fieldset>
  )
}
