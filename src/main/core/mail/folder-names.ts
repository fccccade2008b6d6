import { AppError } from '../../../shared/errors'
import type { MailboxRecord } from '../store/mailbox-repo'

/** Folders whose role other parts of the app depend on: never deleted, renamed or moved here. */
const SPECIAL = new Set(['inbox', 'sent', 'drafts', 'trash', 'junk', 'archive'])

/** Longest folder name accepted (servers limit whole paths; Dovecot at 255 octets per name). */
const MAX_NAME = 200

export function isSpecial(mb: MailboxRecord): boolean {
  return (mb.role !== null && SPECIAL.has(mb.role)) || mb.path.toUpperCase() === 'INBOX'
}

export function refuseSpecial(mb: MailboxRecord, what: string): void {
  if (isSpecial(mb)) {
    throw new AppError('INVALID_INPUT', `${mb.name} is a special folder and cannot be ${what}`, {
      detail: { field: 'mailboxId', reason: 'special-folder' },
    })
  }
}

/**
 * A folder name a person typed, checked before anything reaches the server: not empty, no
 * hierarchy delimiter (it would silently make a subfolder, RFC 3501 §5.1.1), no LIST wildcards
 * `%` `*` (RFC 3501 §5.1: servers refuse or mishandle them), no control characters. Non-ASCII is
 * fine: imapflow sends it as modified UTF-7 (RFC 3501 §5.1.3) or UTF-8 where enabled (RFC 9051).
 */
export function checkFolderName(raw: string, delimiter: string | null): string {
  const name = raw.trim()
  const bad = (message: string) =>
    new AppError('INVALID_INPUT', message, { detail: { field: 'name', reason: 'folder-name' } })
  if (name.length === 0) throw bad('A folder needs a name')
  if (name.length > MAX_NAME) throw bad(`A folder name has at most ${MAX_NAME} characters`)
  const control = [...name].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)
  if (control || /[%*]/.test(name)) throw bad('A folder name cannot contain % or * or control characters')
  if (delimiter && name.includes(delimiter)) throw bad(`A folder name cannot contain "${delimiter}"`)
  if (name === '.' || name === '..') throw bad('That name is not allowed for a folder')
  return name
}

/** The full path of `name` under `parent` (null: top level). */
export function childPath(parent: MailboxRecord | null, name: string, delimiter: string | null): string {
  if (!parent) return name
  if (!delimiter) {
    throw new AppError('INVALID_INPUT', 'This server has no subfolders', {
      detail: { field: 'parentMailboxId', reason: 'folder-name' },
    })
  }
  return `${parent.path}${delimiter}${name}`
}

/** The folder and everything under it, deepest first. */
export function subtree(all: readonly MailboxRecord[], mb: MailboxRecord): MailboxRecord[] {
  const prefix = mb.delimiter ? `${mb.path}${mb.delimiter}` : null
  const inside = prefix ? all.filter((m) => m.path.startsWith(prefix)) : []
  return [...inside.sort((a, b) => b.path.length - a.path.length), mb]
}

export function folderExists(path: string): AppError {
  return new AppError('INVALID_INPUT', `A folder named ${path} already exists`, {
    detail: { field: 'name', reason: 'folder-exists' },
  })
}
