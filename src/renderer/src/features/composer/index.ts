/** The composer feature: "New message", the composer, drafts and the outbox; replies started elsewhere. */
export { ComposeEntry } from './ComposeEntry'
export { editDraft, startReply, useComposeRequests } from './compose-requests'
