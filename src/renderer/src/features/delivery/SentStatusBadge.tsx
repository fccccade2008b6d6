import { useEffect, useReducer } from 'react'
import { SENT_STATE_WORDS } from '../../../../shared/mail/sent-state'
import { sentStateOf, watchSentState } from './sent-states'
import './delivery.css'

/**
 * What the delivery reports said of a sent message, as a small badge in its list row: Delivered,
 * Not delivered, Delayed. Nothing for messages without reports (anything not sent by us).
 */
export function SentStatusBadge({ headerMessageId }: { headerMessageId: string | null }) {
  const [, rerender] = useReducer((n: number) => n + 1, 0)
  useEffect(
    () => (headerMessageId ? watchSentState(headerMessageId, rerender) : undefined),
    [headerMessageId],
  )
  const state = headerMessageId ? sentStateOf(headerMessageId) : null
  if (!state) return null
  return (
    <span className={`sent-state sent-state-${state}`} data-testid="sent-state" data-state={state}>
      {SENT_STATE_WORDS[state]}
    </span>
  )
}
