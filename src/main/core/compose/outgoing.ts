import { AppError } from '../../../shared/errors'
import type { Account } from '../../../shared/model/account'
import type { DraftContent } from '../../../shared/model/compose'
import { parseAddress, parseAddressList, type ParsedAddress } from '../../../shared/mail/addresses'
import type { OutgoingAttachment, OutgoingMessage } from '../mime/build-message'

/**
 * Turns what the composer holds into a message to build. Strict (sending): every address must
 * parse and a bad one is an INVALID_INPUT naming the field and the entry. Lenient (the server's
 * Drafts copy): unfinished input is left out, since a draft may be half-typed.
 */
export function toOutgoing(
  draft: DraftContent,
  account: Account,
  attachments: OutgoingAttachment[],
  mode: 'strict' | 'lenient',
): OutgoingMessage {
  const identity = account.identities.find((i) => i.id === draft.identityId)
  if (!identity) {
    throw new AppError('INVALID_INPUT', 'No such identity for this account', {
      detail: { field: 'identityId' },
    })
  }
  const from = parseAddress(identity.address)
  if (!from) {
    throw new AppError('INVALID_INPUT', `The identity's address is not valid: ${identity.address}`, {
      detail: { field: 'identityId' },
    })
  }
  if (identity.name.trim()) from.name = identity.name.trim()
  const field = (name: 'to' | 'cc' | 'bcc'): ParsedAddress[] => {
    const { addresses, problems } = parseAddressList(draft[name])
    const problem = problems[0]
    if (mode === 'strict' && problem) {
      const why = problem.reason === 'line-break' ? 'contains a line break' : 'is not a valid address'
      throw new AppError('INVALID_INPUT', `${name}: "${problem.input}" ${why}`, {
        detail: { field: name, input: problem.input, reason: problem.reason },
      })
    }
    return addresses
  }
  const html = draft.format === 'html' ? draft.html : null
  return {
    from,
    to: field('to'),
    cc: field('cc'),
    bcc: field('bcc'),
    subject: draft.subject,
    html,
    text: draft.format === 'plain' ? draft.text : '',
    inReplyTo: draft.inReplyTo,
    references: draft.references,
    attachments,
  }
}
