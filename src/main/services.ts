import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { createAccountSource } from './core/accounts/account-secrets'
import type { AccountSource } from './core/accounts/account-source'
import { createAccountStore, type AccountStore } from './core/accounts/account-store'
import { createAppInfoService, type AppInfoService } from './core/app-info'
import { createEventBus, type EventBus } from './core/events'
import type { SecretStore } from './core/secrets/secret-store'
import { openDatabase, type Db } from './core/store/database'
import { SYSTEM_TRUST, type TlsTrust } from './core/net/tls'
import { createLinkOpener, loggingShellPort, type LinkOpener, type ShellPort } from './platform/shell'
import { createPop3Scheduler, type Pop3Scheduler } from './core/pop3/pop3-scheduler'

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
  /** Opens message links outside the app (http, https, mailto only). */
  readonly links: LinkOpener
  /** Polls POP3 accounts into the local store (at start and every N minutes). */
  readonly pop3: Pop3Scheduler
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
  const pop3 = createPop3Scheduler({
    db,
    dataDir: opts.dataDir,
    trust,
    events,
    accountSource,
    listAccounts: () => accounts.list(),
    // The local mail store (mailboxes/messages) implements LocalMailTarget; until it is wired
    // here, start() polls nothing.
    target: null,
  })
  pop3.start()
  let closed = false
  return {
    events,
    db,
    secrets: opts.secrets,
    appInfo,
    trust,
    accounts,
    accountSource,
    links: createLinkOpener(opts.shell ?? loggingShellPort()),
    pop3,
    async close() {
      if (!closed) {
        closed = true
        await pop3.stop()
        db.close()
      }
    },
  }
}
