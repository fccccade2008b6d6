import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { createAccountSource } from './core/accounts/account-secrets'
import type { AccountSource } from './core/accounts/account-source'
import { createAccountStore, type AccountStore } from './core/accounts/account-store'
import { createAppInfoService, type AppInfoService } from './core/app-info'
import { createEventBus, type EventBus } from './core/events'
import { createMailService, type MailService } from './core/mail/mail-service'
import type { SaveDialogPort } from './core/mail/save-dialog-port'
import type { EngineOptions } from './core/imap/sync-scheduler'
import type { SecretStore } from './core/secrets/secret-store'
import { openDatabase, type Db } from './core/store/database'
import { SYSTEM_TRUST, type TlsTrust } from './core/net/tls'

export interface ServicesOptions {
  appName: string
  version: string
  /** Electron's userData folder (or a temp folder in tests): the store lives here. */
  dataDir: string
  platform: string
  secrets: SecretStore
  /**
   * Extra certificate authorities to trust besides the system's (PEM). Tests pass their throw-away
   * CA here; verification itself is never turned off.
   */
  extraCa?: readonly string[]
  /** Where "save attachment" asks for a path (Electron's dialog in the app; none in the browser preview). */
  saveDialog?: SaveDialogPort
  /** Start syncing mail accounts at once (default). Tests turn it off to drive syncs themselves. */
  startMailSync?: boolean
  /** Mail engine timing (refresh interval, backoff, prefetch); tests shorten it. */
  mailEngine?: Partial<EngineOptions>
}

/** Every core service, built once. The Electron bootstrap and the test bridge both use this. */
export interface Services {
  readonly events: EventBus
  readonly db: Db
  readonly secrets: SecretStore
  readonly appInfo: AppInfoService
  readonly trust: TlsTrust
  readonly accounts: AccountStore
  /** Account settings + passwords, for the protocol services. */
  readonly accountSource: AccountSource
  /** Mail: the local store, the IMAP engines, and the reader's functions. */
  readonly mail: MailService
  close(): Promise<void>
}

/** The composition root: the one place that builds core services and wires them together. */
export function createServices(opts: ServicesOptions): Services {
  mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 })
  const db = openDatabase(join(opts.dataDir, 'mailroom.sqlite'))
  const events = createEventBus()
  const appInfo = createAppInfoService({ ...opts, name: opts.appName })
  const trust: TlsTrust = opts.extraCa ? { extraCa: opts.extraCa } : SYSTEM_TRUST
  const accounts = createAccountStore(db)
  const accountSource = createAccountSource(accounts, opts.secrets)
  const mail = createMailService({
    db,
    events,
    accountSource,
    listAccounts: () => accounts.list(),
    trust,
    dataDir: opts.dataDir,
    saveDialog: opts.saveDialog,
    engine: opts.mailEngine,
  })
  if (opts.startMailSync !== false) mail.start()
  let closed = false
  return {
    events,
    db,
    secrets: opts.secrets,
    appInfo,
    trust,
    accounts,
    accountSource,
    mail,
    async close() {
      if (closed) return
      closed = true
      await mail.close()
      db.close()
    },
  }
}
