import { AppError } from '../../../shared/errors'

/**
 * A draft in the outbox is what is being sent: it is edited or sent again only after it is taken
 * back (Undo). Every path that would change or queue it answers this (design.md: an action that
 * must happen once claims its state first; repeated requests find it claimed).
 */
export function inOutboxError(): AppError {
  return new AppError('INVALID_INPUT', 'The draft is in the outbox: take it back (Undo) to edit it', {
    detail: { field: 'draftId', reason: 'in-outbox' },
  })
}
