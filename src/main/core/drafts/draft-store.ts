/**
 * Drafts in the local store. Every autosave lands here first (the renderer saves every few
 * seconds), so a crash loses at most the typing since the last save; the server's Drafts folder
 * gets a copy less often (draft-sync.ts).
 */
import { randomUUID } from 'node:crypto'
import { AppError } from '../../../shared/errors'
import type { AppErrorData } from '../../../shared/errors'
import type { Draft, DraftAttachment, DraftContent, DraftServerCopy } from '../../../shared/model/compose'
import { migrate, type Db, type Migration } from '../store/database'
import { inOutboxError } from './in-outbox'

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'drafts and their attachments',
    up: (db) =>
      db.exec(`CREATE TABLE drafts (
        id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        content TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'editing' CHECK (state IN ('editing', 'outbox')),
        updated_at INTEGER NOT NULL,
        -- The Message-ID every version of this draft carries in the server's Drafts folder, so the
        -- previous version can be found and replaced.
        server_message_id TEXT NOT NULL,
        server_dirty INTEGER NOT NULL DEFAULT 1
      );
      CREATE TABLE draft_attachments (
        id TEXT PRIMARY KEY,
        draft_id TEXT NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        filename TEXT NOT NULL,
        content_type TEXT NOT NULL,
        inline INTEGER NOT NULL,
        content_id TEXT,
        size INTEGER NOT NULL,
        data BLOB NOT NULL
      );
      CREATE INDEX draft_attachments_draft ON draft_attachments (draft_id, position);`),
  },
]

/**
 * Why the server's Drafts copy is not there yet (feature of its own, so its versions never meet the
 * drafts table's own): the server's words, how many attempts failed, and when the next is due.
 */
const SERVER_COPY_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'state of the Drafts copy on the server',
    up: (db) =>
      db.exec(`ALTER TABLE drafts ADD COLUMN server_error TEXT;
        ALTER TABLE drafts ADD COLUMN server_attempts INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE drafts ADD COLUMN server_retry_at INTEGER;`),
  },
]

type StoredContent = Omit<DraftContent, 'id' | 'accountId'>

interface DraftRow {
  id: string
  account_id: string
  content: string
  state: Draft['state']
  updated_at: number
  server_message_id: string
  server_dirty: number
  server_error: string | null
  server_attempts: number
  server_retry_at: number | null
}

/** What the person sees of the Drafts copy (docs/architecture.md, Drafts). */
function serverCopyOf(r: DraftRow): DraftServerCopy {
  const error = r.server_error ? (JSON.parse(r.server_error) as AppErrorData) : null
  if (r.server_dirty === 0) return { state: 'saved', error: null, retryAt: null }
  return { state: error && !error.retryable ? 'failed' : 'pending', error, retryAt: r.server_retry_at }
}

interface AttachmentRow {
  id: string
  filename: string
  content_type: string
  inline: number
  content_id: string | null
  size: number
}

export interface NewAttachment {
  filename: string
  contentType: string
  data: Uint8Array
  inline?: boolean
  contentId?: string | null
}

export function createDraftStore(db: Db) {
  migrate(db, 'drafts', MIGRATIONS)
  migrate(db, 'drafts-server-copy', SERVER_COPY_MIGRATIONS)
  const getRow = db.prepare<[string], DraftRow>('SELECT * FROM drafts WHERE id = ?')
  const listRows = db.prepare<[], DraftRow>(
    "SELECT * FROM drafts WHERE state = 'editing' ORDER BY updated_at DESC",
  )
  const insertRow = db.prepare(`INSERT INTO drafts (id, account_id, content, updated_at, server_message_id)
    VALUES (@id, @accountId, @content, @now, @serverMessageId)`)
  // Every edit is conditional on 'editing': a draft in the outbox is what is being sent, so an edit
  // arriving after the claim (an autosave, a second window) is refused rather than silently dropped.
  const updateRow =
    db.prepare(`UPDATE drafts SET account_id = @accountId, content = @content, updated_at = @now,
    server_dirty = 1 WHERE id = @id AND state = 'editing'`)
  // The claim of a send: one statement saves what is sent and moves editing → outbox, so of any
  // number of repeated or concurrent sends exactly one finds the draft editing.
  const claimRow =
    db.prepare(`UPDATE drafts SET account_id = @accountId, content = @content, updated_at = @now,
    server_dirty = 1, state = 'outbox' WHERE id = @id AND state = 'editing'`)
  const claimStmt = db.prepare("UPDATE drafts SET state = 'outbox' WHERE id = ? AND state = 'editing'")
  const releaseStmt = db.prepare("UPDATE drafts SET state = 'editing' WHERE id = ? AND state = 'outbox'")
  const inOutbox = db.prepare<[], { id: string }>("SELECT id FROM drafts WHERE state = 'outbox'")
  const byServerId = db.prepare<[string, string], DraftRow>(
    'SELECT * FROM drafts WHERE account_id = ? AND server_message_id = ? ORDER BY updated_at DESC LIMIT 1',
  )
  const setStateStmt = db.prepare('UPDATE drafts SET state = ? WHERE id = ?')
  const cleanStmt = db.prepare('UPDATE drafts SET server_dirty = 0 WHERE id = ? AND updated_at = ?')
  // The server took a version: whatever went wrong before is over, even if a newer save waits.
  const acceptedStmt = db.prepare(
    'UPDATE drafts SET server_error = NULL, server_attempts = 0, server_retry_at = NULL WHERE id = ?',
  )
  const failedStmt = db.prepare(`UPDATE drafts SET server_error = @error,
    server_attempts = server_attempts + 1, server_retry_at = @retryAt WHERE id = @id`)
  const waitingStmt = db.prepare<
    [],
    { id: string; server_retry_at: number | null; server_error: string | null }
  >("SELECT id, server_retry_at, server_error FROM drafts WHERE server_dirty = 1 AND state = 'editing'")
  const deleteRow = db.prepare('DELETE FROM drafts WHERE id = ?')
  const atts = db.prepare<[string], AttachmentRow>(
    `SELECT id, filename, content_type, inline, content_id, size FROM draft_attachments
     WHERE draft_id = ? ORDER BY position`,
  )
  const attData = db.prepare<[string], AttachmentRow & { data: Buffer }>(
    'SELECT id, filename, content_type, inline, content_id, size, data FROM draft_attachments WHERE draft_id = ? ORDER BY position',
  )
  const addAtt = db.prepare(`INSERT INTO draft_attachments
    (id, draft_id, position, filename, content_type, inline, content_id, size, data)
    VALUES (@id, @draftId, (SELECT COALESCE(MAX(position), 0) + 1 FROM draft_attachments WHERE draft_id = @draftId),
    @filename, @contentType, @inline, @contentId, @size, @data)`)
  const removeAtt = db.prepare('DELETE FROM draft_attachments WHERE draft_id = ? AND id = ?')
  const touch = db.prepare('UPDATE drafts SET updated_at = ?, server_dirty = 1 WHERE id = ?')

  const attachmentsOf = (draftId: string): DraftAttachment[] =>
    atts.all(draftId).map((a) => ({
      id: a.id,
      filename: a.filename,
      contentType: a.content_type,
      size: a.size,
      inline: a.inline === 1,
      contentId: a.content_id,
    }))

  const toDraft = (r: DraftRow): Draft => ({
    ...(JSON.parse(r.content) as StoredContent),
    id: r.id,
    accountId: r.account_id,
    attachments: attachmentsOf(r.id),
    updatedAt: r.updated_at,
    state: r.state,
    serverCopy: serverCopyOf(r),
  })

  const mustRow = (id: string): DraftRow => {
    const r = getRow.get(id)
    if (!r) throw new AppError('MESSAGE_NOT_FOUND', `No draft ${id}`, { detail: { field: 'draftId' } })
    return r
  }
  const accountRow = db.prepare<[string], { id: string }>('SELECT id FROM accounts WHERE id = ?')
  /** A draft belongs to an account (foreign key): name an unknown one instead of failing the constraint. */
  const mustAccount = (accountId: string): void => {
    if (!accountRow.get(accountId)) {
      throw new AppError('ACCOUNT_NOT_FOUND', `No account ${accountId}`, { detail: { field: 'accountId' } })
    }
  }

  /** Throws the in-outbox error when the draft exists but is not being edited. */
  const mustBeEditing = (id: string): void => {
    if (mustRow(id).state !== 'editing') throw inOutboxError()
  }

  const contentOf = ({ id: _id, accountId: _a, ...rest }: DraftContent): string => {
    const stored: StoredContent = {
      identityId: rest.identityId,
      to: rest.to,
      cc: rest.cc,
      bcc: rest.bcc,
      subject: rest.subject,
      format: rest.format,
      html: rest.html,
      text: rest.text,
      inReplyTo: rest.inReplyTo,
      references: rest.references,
    }
    return JSON.stringify(stored)
  }

  return {
    /** The server's Drafts copies of this draft all carry `serverMessageId` (draft-sync.ts). */
    create(content: Omit<DraftContent, 'id'>, serverMessageId: string, now = Date.now()): Draft {
      mustAccount(content.accountId)
      const id = randomUUID()
      insertRow.run({
        id,
        accountId: content.accountId,
        content: contentOf({ ...content, id }),
        now,
        serverMessageId,
      })
      return toDraft(mustRow(id))
    },
    get: (id: string): Draft => toDraft(mustRow(id)),
    exists: (id: string): boolean => getRow.get(id) !== undefined,
    /** The draft whose server copies carry this Message-ID, if this app has it. */
    findByServerMessageId(accountId: string, messageId: string): Draft | null {
      const r = byServerId.get(accountId, messageId)
      return r ? toDraft(r) : null
    },
    list: (): Draft[] => listRows.all().map(toDraft),
    /** Saves an edit; a draft in the outbox refuses it (INVALID_INPUT, reason "in-outbox"). */
    save(content: DraftContent, now = Date.now()): number {
      mustRow(content.id)
      mustAccount(content.accountId)
      const r = updateRow.run({
        id: content.id,
        accountId: content.accountId,
        content: contentOf(content),
        now,
      })
      if (r.changes === 0) mustBeEditing(content.id)
      return now
    },
    /**
     * Claims the draft for sending: saves `content` and moves it editing → outbox in one
     * statement. False when it was not editing (already claimed); throws when there is no draft.
     */
    claim(content: DraftContent, now = Date.now()): boolean {
      mustAccount(content.accountId)
      const r = claimRow.run({
        id: content.id,
        accountId: content.accountId,
        content: contentOf(content),
        now,
      })
      if (r.changes === 0) mustRow(content.id)
      return r.changes > 0
    },
    /** The same claim without new content (a failed message tried again as it was). */
    claimAsIs: (id: string): boolean => claimStmt.run(id).changes > 0,
    /** Gives a claim back (the message could not be queued): the draft is editable again. */
    release: (id: string): boolean => releaseStmt.run(id).changes > 0,
    /** Drafts claimed by the outbox (start-up checks each still has its message). */
    claimedIds: (): string[] => inOutbox.all().map((r) => r.id),
    setState: (id: string, state: Draft['state']) => void setStateStmt.run(state, id),
    remove: (id: string): boolean => deleteRow.run(id).changes > 0,
    serverInfo(id: string): { messageId: string; dirty: boolean; updatedAt: number } {
      const r = mustRow(id)
      return { messageId: r.server_message_id, dirty: r.server_dirty === 1, updatedAt: r.updated_at }
    },
    /** The server copy matches the version saved at `updatedAt` (a newer save keeps it dirty). */
    markServerClean: (id: string, updatedAt: number) =>
      void db.transaction(() => {
        cleanStmt.run(id, updatedAt)
        acceptedStmt.run(id)
      })(),
    /** The server copy could not be saved: why, and when to try again (null: when the person asks). */
    recordServerFailure: (id: string, error: AppErrorData, retryAt: number | null) =>
      void failedStmt.run({ id, error: JSON.stringify(error), retryAt }),
    serverAttempts: (id: string): number => getRow.get(id)?.server_attempts ?? 0,
    /** Drafts whose server copy is not there yet, with when the next attempt is due (after a restart). */
    waitingForServer: (): { id: string; retryAt: number | null; permanent: boolean }[] =>
      waitingStmt.all().map((r) => ({
        id: r.id,
        retryAt: r.server_retry_at,
        permanent: r.server_error !== null && !(JSON.parse(r.server_error) as AppErrorData).retryable,
      })),
    attachments: attachmentsOf,
    attachmentBytes: (draftId: string) =>
      attData.all(draftId).map((a) => ({
        filename: a.filename,
        contentType: a.content_type,
        content: new Uint8Array(a.data),
        inline: a.inline === 1,
        contentId: a.content_id,
      })),
    addAttachment(draftId: string, file: NewAttachment, now = Date.now()): DraftAttachment[] {
      db.transaction(() => {
        mustBeEditing(draftId)
        addAtt.run({
          id: randomUUID(),
          draftId,
          filename: file.filename,
          contentType: file.contentType,
          inline: file.inline ? 1 : 0,
          contentId: file.contentId ?? null,
          size: file.data.byteLength,
          data: Buffer.from(file.data.buffer, file.data.byteOffset, file.data.byteLength),
        })
        touch.run(now, draftId)
      })()
      return attachmentsOf(draftId)
    },
    removeAttachment(draftId: string, attachmentId: string, now = Date.now()): DraftAttachment[] {
      db.transaction(() => {
        mustBeEditing(draftId)
        if (removeAtt.run(draftId, attachmentId).changes > 0) touch.run(now, draftId)
      })()
      return attachmentsOf(draftId)
    },
  }
}

export type DraftStore = ReturnType<typeof createDraftStore>
