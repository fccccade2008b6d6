/**
 * The copy of each sent message in the person's Sent folder: IMAP APPEND for IMAP accounts
 * (RFC 3501 §6.3.11, \Seen), the local store's Sent folder for POP3 accounts. Before appending,
 * the Sent folder is searched for the Message-ID: a server that files sent mail itself, or our own
 * earlier attempt that crashed before it was recorded, already put it there.
 */
import { AppError } from '../../../shared/errors'
import { withLogin, type AccountSource } from '../accounts/account-source'
import type { LocalCopyTarget } from '../compose/ports'
import { mapImapError } from '../imap/imap-errors'
import {
  appendMessage,
  findByMessageId,
  specialFolder,
  withImap,
  type AppendedAt,
} from '../imap/sending-folders'
import type { TlsTrust } from '../net/tls'
import type { OutboxMessage } from './outbox-store'

export interface SentCopyDeps {
  accounts: AccountSource
  trust: TlsTrust
  local: LocalCopyTarget
}

/** Per row: saved (with where, when the server said: APPENDUID), or why not. */
export type CopyResult = Map<string, { saved: AppendedAt | null } | AppError>

/**
 * What a Sent copy's failure is when nothing mapped it: the copy was not saved, and saving it again
 * later may work (kept from before AppError.from; the copy job retries it).
 */
const SENT_COPY_FAILED = {
  code: 'STORAGE_FAILED',
  message: 'The Sent copy could not be saved',
  retryable: true,
} as const

/** Saves the copies of one account's rows; one IMAP session for all of them. */
export async function saveSentCopies(
  accountId: string,
  rows: readonly OutboxMessage[],
  deps: SentCopyDeps,
): Promise<CopyResult> {
  const result: CopyResult = new Map()
  const account = deps.accounts.get(accountId)
  if (account.incoming.protocol === 'pop3') {
    for (const row of rows) {
      try {
        await deps.local.saveSentCopy(accountId, row.raw, {
          messageId: row.messageId,
          sentAt: row.sentAt ?? Date.now(),
        })
        result.set(row.id, { saved: null })
      } catch (err) {
        result.set(row.id, AppError.from(err, SENT_COPY_FAILED))
      }
    }
    return result
  }
  try {
    await withLogin(deps.accounts, accountId, 'incoming', (password) =>
      withImap({ account, password, trust: deps.trust }, async (client) => {
        const sent = await specialFolder(client, '\\Sent')
        for (const row of rows) {
          const existing = await findByMessageId(client, sent, row.messageId)
          if (existing.length > 0) {
            result.set(row.id, { saved: null })
            continue
          }
          try {
            const at = await appendMessage(
              client,
              sent,
              row.raw,
              ['\\Seen'],
              new Date(row.sentAt ?? Date.now()),
            )
            result.set(row.id, { saved: at })
          } catch (err) {
            // One refused message (its size, its content) does not stop the others.
            result.set(
              row.id,
              mapImapError(err, { host: account.incoming.host, port: account.incoming.port }),
            )
            if (!client.usable) throw err
          }
        }
      }),
    )
  } catch (err) {
    const error = AppError.from(err, SENT_COPY_FAILED)
    for (const row of rows) if (!result.has(row.id)) result.set(row.id, error)
  }
  return result
}

/**
 * Message-IDs among `messageIds` that are already in the account's Sent folder (IMAP only; for
 * POP3 there is no server-side Sent folder to ask, so the answer is always "not found").
 */
export async function foundInSent(
  accountId: string,
  messageIds: readonly string[],
  deps: SentCopyDeps,
): Promise<Set<string>> {
  const found = new Set<string>()
  const account = deps.accounts.get(accountId)
  if (account.incoming.protocol !== 'imap' || messageIds.length === 0) return found
  await withLogin(deps.accounts, accountId, 'incoming', (password) =>
    withImap({ account, password, trust: deps.trust }, async (client) => {
      const sent = await specialFolder(client, '\\Sent')
      for (const id of messageIds) if ((await findByMessageId(client, sent, id)).length > 0) found.add(id)
    }),
  )
  return found
}
