import { closeSync, fstatSync, openSync, readSync } from 'node:fs'
import { AppError } from '../../../shared/errors'
import type { MessageFlags } from '../../../shared/model/mail'
import { headerRowFields } from '../mime/header-row'
import { headerBlock } from '../mime/header-values'
import type { MailStore } from '../store/mail-store'
import type { MailboxRecord } from '../store/mailbox-repo'

const LOCAL_FOLDERS: Readonly<
  Record<'inbox' | 'sent' | 'drafts' | 'trash' | 'archive' | 'junk', [string, string]>
> = {
  inbox: ['INBOX', 'Inbox'],
  sent: ['Sent', 'Sent'],
  drafts: ['Drafts', 'Drafts'],
  trash: ['Trash', 'Trash'],
  archive: ['Archive', 'Archive'],
  junk: ['Junk', 'Junk'],
}
export type LocalRole = keyof typeof LOCAL_FOLDERS

/** How far into a file the header block is looked for (RFC 5322 has no limit; mailparser's is 1 MB). */
const MAX_HEADER_BYTES = 1024 * 1024

function readHead(fd: number): Buffer {
  const buf = Buffer.alloc(64 * 1024)
  const parts: Buffer[] = []
  let total = 0
  while (total < MAX_HEADER_BYTES) {
    const n = readSync(fd, buf, 0, buf.length, total)
    if (n === 0) break
    parts.push(Buffer.from(buf.subarray(0, n)))
    total += n
    const sofar = Buffer.concat(parts)
    if (sofar.includes('\r\n\r\n') || sofar.includes('\n\n')) break
  }
  return headerBlock(Buffer.concat(parts), MAX_HEADER_BYTES)
}

/** Local folders (POP3 accounts keep their mail here) and synchronous local inserts. */
export function createLocalMailboxes(store: MailStore) {
  const local = {
    /** The account's local folder with this role, created when missing. */
    ensureRole(accountId: string, role: LocalRole): MailboxRecord {
      const existing = store.mailboxes.byRole(accountId, role)
      if (existing) return existing
      const [path, name] = LOCAL_FOLDERS[role]
      const id = store.mailboxes.insert(
        accountId,
        {
          path,
          name,
          parentPath: null,
          delimiter: '/',
          role,
          selectable: true,
          statusTotal: null,
          statusUnread: null,
        },
        true,
      )
      return store.mailboxes.require(id)
    },

    ensureLocalMailboxes(accountId: string): { inbox: string; sent: string; drafts: string; trash: string } {
      return store.db.transaction(() => ({
        inbox: String(local.ensureRole(accountId, 'inbox').id),
        sent: String(local.ensureRole(accountId, 'sent').id),
        drafts: String(local.ensureRole(accountId, 'drafts').id),
        trash: String(local.ensureRole(accountId, 'trash').id),
      }))()
    },

    /**
     * Stores a raw RFC 5322 message from a file in a local folder and returns the message id.
     * Synchronous (better-sqlite3), so a caller can wrap it with its own bookkeeping in one
     * `db.transaction`; the file is read in chunks, never whole.
     */
    insertLocalMessage(
      mailboxId: string,
      sourceFile: string,
      meta: { receivedAt: number; flags?: Partial<MessageFlags> },
    ): string {
      const mb = store.mailboxes.require(Number(mailboxId))
      if (!mb.isLocal) {
        throw new AppError('INVALID_INPUT', 'Only local folders take local messages', {
          detail: { field: 'mailboxId' },
        })
      }
      const fd = openSync(sourceFile, 'r')
      let head: Buffer
      let size: number
      try {
        size = fstatSync(fd).size
        head = readHead(fd)
      } finally {
        closeSync(fd)
      }
      const flags: MessageFlags = {
        seen: false,
        flagged: false,
        answered: false,
        draft: false,
        ...meta.flags,
      }
      return store.db.transaction(() => {
        const id = store.messages.insert(mb.id, mb.accountId, {
          uid: null,
          flags,
          keywords: [],
          ...headerRowFields(head, { receivedAt: meta.receivedAt, size }),
        })
        if (id === null) throw new AppError('STORAGE_FAILED', 'The message could not be stored')
        store.sources.writeFromFile(id, sourceFile)
        return String(id)
      })()
    },

    /** Where archive/junk/delete put messages of a mailbox: its account's role folder. */
    targetFor(source: MailboxRecord, role: 'trash' | 'archive' | 'junk'): MailboxRecord | null {
      const existing = store.mailboxes.byRole(source.accountId, role)
      if (existing) return existing
      return source.isLocal ? local.ensureRole(source.accountId, role) : null
    },
  }
  return local
}

export type LocalMailboxes = ReturnType<typeof createLocalMailboxes>
