/**
 * A draft made by another client (a message of the account's IMAP Drafts folder) turned into
 * what the composer edits. Pure, like reply-builder.ts: the compose service copies the files.
 */
import type { Account, Identity } from '../../../shared/model/account'
import type { MessageView } from '../../../shared/model/mail'
import { addressKey, formatAddressList } from '../../../shared/mail/addresses'
import type { BodyFormat } from '../../../shared/model/compose'
import type { ComposeSeed } from './reply-builder'

/** A Message-ID our drafts can carry and SEARCH HEADER can find exactly (RFC 5322 §3.6.4 msg-id). */
const USABLE_MESSAGE_ID = /^<[^<>\s"]{1,900}>$/

/** The identity the draft is written from (its From), else the account's first one. */
function identityFor(account: Account, view: MessageView): Identity {
  const first = account.identities[0]
  if (!first) throw new Error('An account always has at least one identity')
  const from = new Set(view.summary.from.map((a) => addressKey(a.address)))
  return account.identities.find((i) => from.has(addressKey(i.address))) ?? first
}

export interface SeedFromDraft extends ComposeSeed {
  format: BodyFormat
  /** The draft's own Message-ID when it can be kept (so saving replaces that copy), else null. */
  serverMessageId: string | null
}

export function seedFromDraftMessage(view: MessageView, account: Account): SeedFromDraft {
  const s = view.summary
  const messageId = s.messageId && USABLE_MESSAGE_ID.test(s.messageId) ? s.messageId : null
  return {
    identityId: identityFor(account, view).id,
    to: formatAddressList(s.to),
    cc: formatAddressList(s.cc),
    bcc: formatAddressList(view.bcc),
    // Headers become one line again when sent (assertSingleLine); a folded subject must not block.
    subject: s.subject.replace(/[\r\n]+/g, ' '),
    format: view.html !== null ? 'html' : 'plain',
    html: view.html ?? '',
    text: view.text ?? '',
    // Only ids the composer can send back (its schema wants one <id> per entry).
    inReplyTo: s.inReplyTo && USABLE_MESSAGE_ID.test(s.inReplyTo) ? s.inReplyTo : null,
    references: s.references.filter((r) => USABLE_MESSAGE_ID.test(r)).slice(-100),
    attachments: [...view.attachments],
    serverMessageId: messageId,
  }
}
