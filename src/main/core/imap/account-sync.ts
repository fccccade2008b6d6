import { randomBytes } from 'node:crypto'
import { createWriteStream, mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { AppError } from '../../../shared/errors'
import type { Account } from '../../../shared/model/account'
import { withLogin, type AccountSource } from '../accounts/account-source'
import type { EventBus } from '../events'
import type { MailStore } from '../store/mail-store'
import type { MessageRecord } from '../store/message-repo'
import type { TlsTrust } from '../net/tls'
import type { TaskHealth } from '../store/storage-health'
import { flushQueue } from './action-replay'
import { needsSync, syncFolderList } from './folder-sync'
import { IdleWatcher } from './idle-watcher'
import { ImapSession, PRIORITY, type Priority } from './imap-session'
import { syncMailbox, type SyncContext, type SyncOutcome } from './mailbox-sync'
import { Rerunner } from './rerunner'
import { SyncScheduler, type EngineOptions } from './sync-scheduler'

/** Sources larger than this are cut (the rest is never downloaded); parsing has its own lower cap. */
export const MAX_DOWNLOAD_BYTES = 64 * 1024 * 1024

export interface AccountSyncDeps {
  accountId: string
  accountSource: AccountSource
  trust: TlsTrust
  store: MailStore
  events: EventBus
  /** Where downloads are staged before they go into the store. */
  tmpDir: string
  options: EngineOptions
  health?: TaskHealth
}

/**
 * Everything the engine does for one IMAP account: the worker session, full and per-mailbox syncs,
 * replaying queued actions, body downloads, and (through its scheduler) IDLE, periodic refresh,
 * reconnects and prefetch. It is the single writer of this account's mail state.
 */
export class AccountSync {
  readonly session: ImapSession
  readonly scheduler: SyncScheduler
  private readonly idle: IdleWatcher
  private readonly ctx: SyncContext
  private readonly resyncs = new Rerunner<void>()
  private readonly flushes = new Rerunner<number>()

  constructor(private readonly deps: AccountSyncDeps) {
    this.session = new ImapSession({
      account: () => this.account(),
      login: (use) => withLogin(deps.accountSource, deps.accountId, 'incoming', use),
      trust: deps.trust,
    })
    this.ctx = {
      accountId: deps.accountId,
      session: this.session,
      store: deps.store,
      events: deps.events,
      ...(deps.options.replayProbe ? { replayProbe: deps.options.replayProbe } : {}),
    }
    this.idle = new IdleWatcher({
      account: () => this.account(),
      login: (use) => withLogin(deps.accountSource, deps.accountId, 'incoming', use),
      trust: deps.trust,
      onChange: () => this.scheduler.inboxChanged(),
      onLost: () => this.scheduler.connectionLost(),
    })
    this.scheduler = new SyncScheduler({
      accountId: deps.accountId,
      store: deps.store,
      events: deps.events,
      sync: this,
      idle: this.idle,
      options: deps.options,
      health: deps.health,
    })
    mkdirSync(deps.tmpDir, { recursive: true, mode: 0o700 })
  }

  account(): Account {
    return this.deps.accountSource.get(this.deps.accountId)
  }

  /** Folder list, then every mailbox whose STATUS changed (the Inbox first). Single-flight. */
  resync(): Promise<void> {
    return this.resyncs.run(() => this.runResync())
  }

  /** Replays queued actions on the server, in order. Single-flight. */
  flush(priority: Priority = PRIORITY.normal): Promise<number> {
    return this.flushes.run(() => flushQueue(this.ctx, priority))
  }

  async syncMailbox(mailboxId: number, priority: Priority = PRIORITY.normal): Promise<SyncOutcome> {
    const outcome = await syncMailbox(this.ctx, mailboxId, priority)
    this.session.guard()
    const mb = this.deps.store.mailboxes.get(mailboxId)
    if (outcome.newUnseen > 0 && mb?.role === 'inbox') {
      this.deps.events.emit('mail:new', {
        accountId: this.deps.accountId,
        mailboxId: String(mailboxId),
        count: outcome.newUnseen,
      })
    }
    return outcome
  }

  /** Downloads a message's raw source into the store (no-op when it is already there). */
  async fetchSource(record: MessageRecord, priority: Priority = PRIORITY.interactive): Promise<void> {
    await this.session.run(
      priority,
      async (client) => {
        const row = this.deps.store.messages.get(record.id)
        if (!row) throw new AppError('MESSAGE_NOT_FOUND', `No message ${record.id}`)
        if (row.hasSource) return
        if (row.uid === null) {
          throw new AppError('MESSAGE_NOT_FOUND', 'The message is not on the server yet', {
            retryable: true,
            detail: { reason: 'pending' },
          })
        }
        const mb = this.deps.store.mailboxes.require(row.mailboxId)
        const lock = await client.getMailboxLock(mb.path, { description: 'download' })
        const tmp = join(this.deps.tmpDir, `source-${row.id}-${randomBytes(6).toString('hex')}.eml`)
        try {
          const dl = await client.download(String(row.uid), undefined, {
            uid: true,
            maxBytes: MAX_DOWNLOAD_BYTES,
            chunkSize: 1024 * 1024,
          })
          if (!dl.content) throw new AppError('MESSAGE_NOT_FOUND', 'The message is no longer on the server')
          await pipeline(dl.content, createWriteStream(tmp, { mode: 0o600 }))
          if (this.deps.store.messages.get(row.id)) this.deps.store.sources.writeFromFile(row.id, tmp)
        } finally {
          lock.release()
          rmSync(tmp, { force: true })
        }
      },
      { idempotent: true },
    )
  }

  async close(): Promise<void> {
    await this.scheduler.stop()
    await this.session.close()
  }

  private async runResync(): Promise<void> {
    const { store, accountId, events } = this.deps
    // Local changes first: the sync then sees the server with them applied.
    await this.flush()
    const folders = await this.session.run(
      PRIORITY.normal,
      (client) => syncFolderList(client, store, accountId),
      {
        idempotent: true,
      },
    )
    if (folders.changed) {
      for (const m of store.mailboxes.list(accountId))
        events.emit('mailbox:changed', { accountId, mailboxId: String(m.id) })
    }
    for (const mb of store.mailboxes.list(accountId)) {
      if (mb.isLocal || !mb.selectable || !folders.status.has(mb.id)) continue
      if (!needsSync(mb, folders.status.get(mb.id))) continue
      try {
        this.session.guard()
        await this.syncMailbox(mb.id, PRIORITY.normal)
      } catch (err) {
        // A folder deleted between LIST and SELECT: the next folder sync removes it.
        if (!(err instanceof AppError && err.code === 'MAILBOX_NOT_FOUND')) throw err
      }
    }
  }
}
