/**
 * Short IMAP sessions for the sending side: the Sent copy (APPEND) and the Drafts copy
 * (APPEND, then remove the previous version). Folders are found by RFC 6154 special-use flags
 * (imapflow falls back to well-known names when the server has no SPECIAL-USE).
 */
import type { ImapFlow } from 'imapflow'
import type { Account } from '../../../shared/model/account'
import type { LoginSecret } from '../sasl/oauth-sasl'
import type { TlsTrust } from '../net/tls'
import { checked, createImapClient } from './imap-client'
import { mapImapError } from './imap-errors'

export type SpecialFolder = '\\Sent' | '\\Drafts'

const DEFAULT_NAMES: Record<SpecialFolder, string> = { '\\Sent': 'Sent', '\\Drafts': 'Drafts' }

export interface ImapAccess {
  account: Account
  /** A password or an OAuth access token (`bearer()`). */
  password: LoginSecret
  trust: TlsTrust
}

/**
 * Runs `fn` on a logged-in connection and always logs out. Errors come out mapped. The client is
 * the engine's own (createImapClient: the same TLS, pins, login method and lowered limits), whose
 * context keeps a refused command's error, so `checked` reports the server's words.
 */
export async function withImap<T>(access: ImapAccess, fn: (client: ImapFlow) => Promise<T>): Promise<T> {
  const { host, port } = access.account.incoming
  const where = { host, port }
  const client = createImapClient(access.account, access.password, access.trust, 'worker')
  client.on('error', () => undefined)
  try {
    await client.connect()
  } catch (err) {
    throw mapImapError(err, where)
  }
  try {
    return await fn(client)
  } catch (err) {
    throw mapImapError(err, where)
  } finally {
    await client.logout().catch(() => client.close())
  }
}

/** The folder with the special-use flag; created (with the usual name) when the server has none. */
export async function specialFolder(client: ImapFlow, use: SpecialFolder): Promise<string> {
  const list = () => checked(client, 'LIST', () => client.list())
  const found = (await list()).find((b) => b.specialUse === use)
  if (found) return found.path
  try {
    return (await checked(client, 'CREATE', () => client.mailboxCreate(DEFAULT_NAMES[use]))).path
  } catch (err) {
    // Another session may have made it since our LIST: a new account's first sessions race while
    // Cyrus creates its folders at the first login. imapflow takes [ALREADYEXISTS] (RFC 5530) as
    // success, but Cyrus 3.6 says a bare "NO Mailbox already exists": look once more.
    const again = (await list()).find((b) => b.specialUse === use || b.path === DEFAULT_NAMES[use])
    if (again) return again.path
    throw err
  }
}

/** UIDs of messages in `path` whose Message-ID header is `messageId`. */
export async function findByMessageId(client: ImapFlow, path: string, messageId: string): Promise<number[]> {
  const lock = await client.getMailboxLock(path)
  try {
    // SEARCH HEADER matches substrings (RFC 3501 §6.4.4); ids are <...>-delimited, so it is exact.
    // An empty result is an empty list; a refused or lost SEARCH is an error, never "not there".
    return await checked(client, 'SEARCH', async () =>
      client.usable
        ? (await client.search({ header: { 'message-id': messageId } }, { uid: true })) || false
        : false,
    )
  } finally {
    lock.release()
  }
}

/** Where an APPEND put the message, when the server said (APPENDUID, RFC 4315). */
export interface AppendedAt {
  uid: number
  uidValidity: number
}

/**
 * APPEND (RFC 3501 §6.3.11). A refusal is thrown with the server's words (mapImapError) and a lost
 * connection as such: imapflow answers both with `false` when it cannot run the command, which
 * must never pass for "saved".
 */
export async function appendMessage(
  client: ImapFlow,
  path: string,
  raw: Uint8Array,
  flags: string[],
  date?: Date,
): Promise<AppendedAt | null> {
  const res = await checked(client, 'APPEND', () => client.append(path, Buffer.from(raw), flags, date))
  return typeof res.uid === 'number' && res.uidValidity !== undefined
    ? { uid: res.uid, uidValidity: Number(res.uidValidity) }
    : null
}

export async function deleteUids(client: ImapFlow, path: string, uids: number[]): Promise<void> {
  if (uids.length === 0) return
  const lock = await client.getMailboxLock(path)
  try {
    // With UIDPLUS this is UID EXPUNGE of exactly these messages (RFC 4315 §2.1).
    await client.messageDelete(uids.join(','), { uid: true })
  } finally {
    lock.release()
  }
}
