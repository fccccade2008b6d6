import type { DeliveryNotify } from '../../../../shared/model/delivery'

interface Props {
  value: DeliveryNotify | undefined
  /** What the submission server advertised: false when it offers no DSN (RFC 3461), null while unknown. */
  offered: boolean | null
  onChange: (value: DeliveryNotify) => void
}

/**
 * "Tell me when it is delivered": asks for a success report too (NOTIFY=SUCCESS,FAILURE,DELAY).
 * Without it only failures are reported. A server without DSN cannot be asked: the box says so
 * instead of promising a report that will never come.
 */
export function DeliveryToggle({ value, offered, onChange }: Props) {
  return (
    <label
      className="plain-toggle"
      title={offered === false ? 'The sending server does not offer delivery reports' : undefined}
    >
      <input
        type="checkbox"
        data-testid="composer-delivery-report"
        checked={value === 'all'}
        disabled={offered === false}
        onChange={(e) => onChange(e.target.checked ? 'all' : 'failure')}
      />
      Tell me when it is delivered
      {offered === false && <span className="hint"> (not offered by the sending server)</span>}
    </label>
  )
}
