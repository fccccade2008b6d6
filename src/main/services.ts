import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { createAccountSource } from './core/accounts/account-secrets'
import type { AccountOAuth } from './core/accounts/account-oauth'
import type { AccountSource } from './core/accounts/account-source'
import { createAccountStore, type AccountStore } from './core/accounts/account-store'
import { createAccountsService } from './core/accounts/accounts-service'
import type { AccountsService } from './core/accounts/accounts-service-api'
import { resolveDiscoveryOptions, type DiscoveryOptions } from './core/autoconfig/discovery-options'
import { createAppInfoService, type AppInfoService } from './core/app-info'
import { createComposeService } from './core/compose/compose-service'
import type { ComposeService } from './core/compose/compose-service-api'
import { createDraftLifecycle } from './core/compose/draft-lifecycle'
import { type FilePicker, type LocalCopyTarget, type OriginalMessageSource } from './core/compose/ports'
import { createContactStore, type ContactStore } from './core/store/contact-store'
import { createDraftStore } from './core/drafts/draft-store'
import { createDraftSync } from './core/drafts/draft-sync'
import { createCheckNow } from './core/mail/check-now'
import { createEventBus, type EventBus } from './core/events'
import { createMailService } from './core/mail/mail-service'
import type { MailService } from './core/mail/mail-service-api'
import { createLocalSentCopies } from './core/mail/local-sent-copies'
import { createLocalMailTarget } from './core/mail/pop3-mail-target'
import type { SaveDialogPort } from './core/mail/save-dialog-port'
import { createDeliveryService } from './core/delivery/delivery-service'
import type { DeliveryService } from './core/delivery/delivery-service-api'
import { createDeliveryStore } from './core/delivery/delivery-store'
import { createReportFiling } from './core/delivery/report-filing'
import type { DNSResolver } from './core/sender-auth/local-verify'
import { createSenderAuthService, type SenderAuthService } from './core/sender-auth/sender-auth-service'
import { createSpoofWarnings } from './core/sender-auth/spoof-warnings'
import { createContactKnowledge } from './core/store/contact-knowledge'
import { createOutbox } from './core/outbox/outbox-engine'
import type { Outbox, OutboxProbe } from './core/outbox/outbox-types'
import { createOutboxStore } from './core/outbox/outbox-store'
import type { EngineOptions } from './core/imap/sync-scheduler'
import type { SecretStore } from './core/secrets/secret-store'
import { ACCOUNT_REMOVAL_MIGRATIONS } from './core/store/account-removal'
import { migrate, openDatabase, STORE_FILE, type Db } from './core/store/database'
import { BACKUP_DIR, createBackupSchedule, type BackupScheduleOptions } from './core/store/store-backup'
import { createStorageHealth, type StorageHealth } from './core/store/storage-health'
import type { BackgroundTask } from '../shared/model/app-health'
import { SYSTEM_TRUST, type TlsTrust } from './core/net/tls'
import { createLinkOpener, loggingShellPort, type LinkOpener, type ShellPort } from './platform/shell'
import { createSearchService } from './core/search/search-service'
import type { SearchService } from './core/search/search-service-api'
import { createPop3Scheduler } from './core/pop3/pop3-scheduler'
import type { Pop3Scheduler } from './core/pop3/pop3-scheduler-api'
import { createAccountOAuth, type OAuthWiringOptions } from './oauth-wiring'
import {
  createSettingsService,
  type AppearancePort,
  type SettingsService,
} from './core/settings/settings-service'
import { createSettingsStore } from './core/settings/settings-store'

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
  /** The system's link handler (Electron's shell); without one, links are only logged. */
  shell?: ShellPort
  /**
   * Where account discovery looks (config-file hosts, ISPDB, DNS servers, guessed ports) and how
   * long it waits. Defaults reach the internet; tests point them at local stand-ins.
   */
  discovery?: DiscoveryOptions
  /** Per connection step while verifying an account's servers (default 15 s). */
  verifyTimeoutMs?: number
  /** Where "save attachment" asks for a path (Electron's dialog in the app; none in the browser preview). */
  saveDialog?: SaveDialogPort
  /** Start syncing mail accounts at once (default). Tests turn it off to drive syncs themselves. */
  startMailSync?: boolean
  /** The platform's file dialog (platform/ in the app; a fixed list in tests). Default: none. */
  filePicker?: FilePicker
  /** Stored messages for replies and forwards. Default: the mail service; tests may pass their own. */
  originalMessages?: OriginalMessageSource
  /** The local Sent folder of POP3 accounts. Default: the mail store's local folders. */
  localCopies?: LocalCopyTarget
  /** Outbox tuning; tests shorten the waits, crash tests add a probe. */
  outbox?: { retryDelaysMs?: readonly number[]; maxConnections?: number; probe?: OutboxProbe }
  /** How often a draft being typed is copied to the server's Drafts folder. */
  draftSyncIntervalMs?: number
  /** Waits before automatic retries of a Drafts copy the server did not take (tests shorten them). */
  draftRetryDelaysMs?: readonly number[]
  /** Mail engine timing (refresh interval, backoff, prefetch); tests shorten it. */
  mailEngine?: Partial<EngineOptions>
  /** How often a failed store is probed, and how much free space ends "disk full"; tests shorten it. */
  storageHealth?: { recheckMs?: number; minFreeBytes?: number }
  /** OAuth 2.0 sign-in: the system browser, client ids (default: the build's), timing for tests. */
  oauth?: OAuthWiringOptions
  /** The rolling backup (daily, the newest two kept, in `<dataDir>/backups`); false: none. */
  backup?: Pick<BackupScheduleOptions, 'everyMs' | 'firstDelayMs' | 'keep'> | false
  /** DNS for checking senders here (SPF, DKIM keys, DMARC); tests answer from a table. */
  dnsResolver?: DNSResolver
  /** Theme, zoom and printing of the window (Electron's); without one the renderer does them. */
  appearance?: AppearancePort
}

/** Every core service, built once. The Electron bootstrap and the test bridge both use this. */
export interface Services {
  readonly events: EventBus
  readonly db: Db
  /** Whether the store works and which background work stopped (the app's banner). */
  readonly health: StorageHealth
  readonly secrets: SecretStore
  readonly appInfo: AppInfoService
  readonly trust: TlsTrust
  /** Account settings (read by features; written only through accountsService). */
  readonly accounts: AccountStore
  /** Discover, verify, add, update, remove accounts (a removal's policy: core/store/account-removal.ts). */
  readonly accountsService: AccountsService
  /** Account settings + passwords, for the protocol services. */
  readonly accountSource: AccountSource
  /** OAuth accounts' sign-ins and tokens (the access tokens live here, in memory only). */
  readonly oauth: AccountOAuth
  /** Opens message links outside the app (http, https, mailto only). */
  readonly links: LinkOpener
  /** Polls POP3 accounts into the local store (at start and every N minutes). */
  readonly pop3: Pop3Scheduler
  /** Mail: the local store, the IMAP engines, and the reader's functions. */
  readonly mail: MailService
  /** "Check now" for an account: a POP3 download or an IMAP sync (core/mail/check-now.ts). */
  readonly checkNow: (accountId: string) => Promise<void>
  readonly contacts: ContactStore
  /** Local search; its index follows the mail store in the background. */
  readonly search: SearchService
  readonly outbox: Outbox
  /** Delivery reports: what was sent, reports matched to it, per-recipient outcomes. */
  readonly delivery: DeliveryService
  /** Who really sent a message: Authentication-Results, local checks, spoofing warnings. */
  readonly senderAuth: SenderAuthService
  readonly compose: ComposeService
  /** The Settings page's preferences (core/settings). */
  readonly settings: SettingsService
  close(): Promise<void>
}

const NO_PICKER: FilePicker = { pickFiles: () => Promise.resolve([]) }

/** The composition root: the one place that builds core services and wires them together. */
export function createServices(opts: ServicesOptions): Services {
  mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 })
  const db = openDatabase(join(opts.dataDir, STORE_FILE))
  const events = createEventBus()
  const health = createStorageHealth({ db, events, dataDir: opts.dataDir, ...opts.storageHealth })
  // A store that opens but takes no writes (read-only) is found now, not by the first failed save.
  health.check()
  /** Starts a background service; if it cannot start, the app starts anyway and the banner says so. */
  const startTask = (task: BackgroundTask, start: () => void) => {
    try {
      start()
    } catch (err) {
      health.stopped(task, err)
    }
  }
  const appInfo = createAppInfoService({ ...opts, name: opts.appName })
  const trust: TlsTrust = opts.extraCa ? { extraCa: opts.extraCa } : SYSTEM_TRUST
  const accounts = createAccountStore(db)
  // The outbox is built later (it needs the account source): OAuth reaches it when a sign-in ends.
  const late: { outbox?: Outbox } = {}
  const oauth = createAccountOAuth(opts.oauth, {
    secrets: opts.secrets,
    store: accounts,
    events,
    outbox: () => late.outbox,
  })
  const accountSource = createAccountSource(accounts, opts.secrets, oauth.tokens)
  const contacts = createContactStore(db)
  const mail = createMailService({
    db,
    events,
    accountSource,
    listAccounts: () => accounts.list(),
    trust,
    dataDir: opts.dataDir,
    saveDialog: opts.saveDialog,
    engine: opts.mailEngine,
    contacts,
    health,
  })
  // After the mail service: the search index's migration names the mail tables.
  const search = createSearchService({ db, events, health, server: mail.serverSearch })
  // After the mail tables: an account's removal deletes its rows (store/account-removal.ts).
  migrate(db, 'account-removal', ACCOUNT_REMOVAL_MIGRATIONS)
  if (opts.startMailSync !== false) startTask('mail-sync', () => mail.start())
  const accountsService = createAccountsService({
    store: accounts,
    secrets: opts.secrets,
    events,
    trust,
    discovery: resolveDiscoveryOptions(opts.discovery),
    verifyTimeoutMs: opts.verifyTimeoutMs ?? 15_000,
    oauth,
  })
  const pop3 = createPop3Scheduler({
    db,
    dataDir: opts.dataDir,
    trust,
    events,
    accountSource,
    listAccounts: () => accounts.list(),
    target: createLocalMailTarget(db, mail),
    health,
  })
  if (opts.startMailSync !== false) startTask('pop3', () => pop3.start())
  const drafts = createDraftStore(db)
  const sync = createDraftSync({
    drafts,
    accounts: accountSource,
    trust,
    intervalMs: opts.draftSyncIntervalMs,
    retryDelaysMs: opts.draftRetryDelaysMs,
    pending: mail.pendingCopies,
    events,
    health,
  })
  sync.start()
  const outboxStore = createOutboxStore(db)
  const delivery = createDeliveryService({
    store: createDeliveryStore(db),
    onNewMail: (listener) => events.on('mail:new', listener),
    onMailboxChanged: (listener) => events.on('mailbox:changed', listener),
    mail,
    filing: createReportFiling(db),
    onMatched: (m) => {
      events.emit('delivery:changed', { accountId: m.accountId, messageIds: [m.messageId] })
    },
  })
  const senderAuth = createSenderAuthService({
    db,
    mail,
    resolver: opts.dnsResolver,
    warnings: createSpoofWarnings({
      contacts: createContactKnowledge(db),
      ownAddresses: () => accounts.list().flatMap((a) => [a.address, ...a.identities.map((i) => i.address)]),
    }),
  })
  // Built before the outbox and the compose service, which both take it: no setter, no cycle.
  const lifecycle = createDraftLifecycle({ drafts, messages: outboxStore, sync, replied: mail })
  const outbox = createOutbox({
    store: outboxStore,
    accounts: accountSource,
    trust,
    events,
    local: opts.localCopies ?? createLocalSentCopies(db, mail, opts.dataDir),
    pending: mail.pendingCopies,
    contacts,
    ...opts.outbox,
    lifecycle,
    sentLog: {
      recordSent: (row) =>
        delivery.recordSent({
          envelopeId: row.id,
          accountId: row.accountId,
          messageId: row.messageId,
          recipients: row.envelope.to,
          sentAt: row.sentAt ?? Date.now(),
        }),
    },
    health,
  })
  late.outbox = outbox
  const compose: ComposeService = createComposeService({
    drafts,
    sync,
    outbox,
    lifecycle,
    events,
    accounts: accountSource,
    contacts,
    originals: opts.originalMessages ?? mail,
    draftFolder: mail,
    picker: opts.filePicker ?? NO_PICKER,
    trust,
    // Read when a draft is made, long after `settings` below exists.
    defaultFormat: () => settings.get().defaultFormat,
  })
  const settings = createSettingsService({
    store: createSettingsStore(db),
    events,
    undoSend: {
      get: () => outbox.settings().undoSeconds,
      set: (undoSeconds) => outbox.setSettings({ ...outbox.settings(), undoSeconds }),
    },
    ...(opts.appearance ? { appearance: opts.appearance } : {}),
  })
  // A failure to start is reported to `health` by the outbox itself (the banner names it).
  void outbox.start().catch(() => undefined)
  const backup =
    opts.backup === false
      ? null
      : createBackupSchedule({ db, dir: join(opts.dataDir, BACKUP_DIR), health, ...opts.backup })
  let closed = false
  return {
    events,
    db,
    health,
    secrets: opts.secrets,
    appInfo,
    trust,
    accounts,
    accountsService,
    accountSource,
    oauth,
    links: createLinkOpener(opts.shell ?? loggingShellPort()),
    pop3,
    mail,
    checkNow: createCheckNow({ accounts: accountSource, pop3, imap: mail }),
    contacts,
    search,
    outbox,
    delivery,
    senderAuth,
    compose,
    settings,
    async close() {
      if (closed) return
      closed = true
      oauth.close()
      await outbox.stop()
      delivery.close()
      await delivery.idle()
      await sync.stop()
      await pop3.stop()
      await mail.close()
      search.close()
      await backup?.stop()
      health.close()
      db.close()
    },
  }
}
