/** Delivery reports in the UI: the Sent list's badge (the reader's lines are in features/reader). */
export { SentStatusBadge } from './SentStatusBadge'
export { resetSentStates } from './sent-states'
