/**
 * Short IMAP sessions for the sending side: the Sent copy (APPEND) and the Drafts copy
 * (APPEND, then remove the previous version). Folders are found by RFC 6154 special-use flags
 * (imapflow falls back to well-known names when the server has no SPECIAL-USE).
 */
import { ImapFlow } from 'imapflow'
import type { Account } from '../../../shared/model/account'
import { tlsOptionsFor, type TlsTrust } from '../net/tls'
import { mapImapError } from './imap-errors'
import { certificateRecordingTransport } from './imap-transport'

export type SpecialFolder = '\\Sent' | '\\Drafts'

const DEFAULT_NAMES: Record<SpecialFolder, string> = { '\\Sent': 'Sent', '\\Drafts': 'Drafts' }

export interface ImapAccess {
  account: Account
  password: string
  trust: TlsTrust
}

/** Runs `fn` on a logged-in connection and always logs out. Errors come out mapped. */
export async function withImap<T>(access: ImapAccess, fn: (client: ImapFlow) => Promise<T>): Promise<T> {
  const { host, port, security, username } = access.account.incoming
  const where = { host, port }
  const client = new ImapFlow({
    host,
    port,
    secure: security === 'tls',
    ...(security === 'starttls' ? { doSTARTTLS: true } : {}),
    tls: tlsOptionsFor(host, access.trust, {
      port,
      pins: access.account.pins,
      accountCa: access.account.trustedCa,
    }),
    transport: certificateRecordingTransport,
    auth: { user: username, pass: access.password },
    logger: false,
    // Lowered from imapflow's gigabyte defaults: these sessions only read short answers.
    maxLiteralSize: 64 * 1024 * 1024,
  })
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
  const found = (await client.list()).find((b) => b.specialUse === use)
  if (found) return found.path
  try {
    return (await client.mailboxCreate(DEFAULT_NAMES[use])).path
  } catch (err) {
    // Another session may have made it since our LIST: a new account's first sessions race while
    // Cyrus creates its folders at the first login. imapflow takes [ALREADYEXISTS] (RFC 5530) as
    // success, but Cyrus 3.6 says a bare "NO Mailbox already exists": look once more.
    const again = (await client.list()).find((b) => b.specialUse === use || b.path === DEFAULT_NAMES[use])
    if (again) return again.path
    throw err
  }
}

/** UIDs of messages in `path` whose Message-ID header is `messageId`. */
export async function findByMessageId(client: ImapFlow, path: string, messageId: string): Promise<number[]> {
  const lock = await client.getMailboxLock(path)
  try {
    const found = await client.search({ header: { 'message-id': messageId } }, { uid: true })
    // SEARCH HEADER matches substrings (RFC 3501 §6.4.4); ids are <...>-delimited, so it is exact.
    return found || []
  } finally {
    lock.release()
  }
}

export async function appendMessage(
  client: ImapFlow,
  path: string,
  raw: Uint8Array,
  flags: string[],
  date?: Date,
): Promise<number | null> {
  const res = await client.append(path, Buffer.from(raw), flags, date)
  return res && typeof res.uid === 'number' ? res.uid : null
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
