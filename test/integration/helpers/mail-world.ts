/**
 * One test's mail world: a fresh user of one server family (Dovecot by default), an IMAP account
 * for it in real core services (real SQLite in a temp folder), a second imapflow client that
 * changes the server behind the engine's back, and helpers that compare the store with the server
 * UID by UID, flag by flag.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ImapFlow } from 'imapflow'
import nodemailer from 'nodemailer'
import type { Account } from '../../../src/shared/model/account'
import { secretKey } from '../../../src/main/core/accounts/account-secrets'
import { joinFlags } from '../../../src/main/core/store/message-repo'
import type { EngineOptions } from '../../../src/main/core/imap/sync-scheduler'
import type { SaveDialogPort } from '../../../src/main/core/mail/save-dialog-port'
import { createMemorySecretStore, type SecretStore } from '../../../src/main/core/secrets/secret-store'
import { createServices, type Services, type ServicesOptions } from '../../../src/main/services'
import { sampleAccount } from '../../helpers/sample-account'
import { dovecotFamily, familyOf, type ServerFamily } from '../../servers/families'
import { testCa, type TestUser } from '../../servers/mail-env'

export interface WorldOptions {
  /** The servers of a new user (ignored with `user`, which knows its own); Dovecot by default. */
  family?: ServerFamily
  /** Connect the account through this port instead of the family's IMAPS port (a relay). */
  port?: number
  dataDir?: string
  user?: TestUser
  secrets?: SecretStore
  saveDialog?: SaveDialogPort
  /** Start the engine (scheduler, IDLE, prefetch) as the app does; off by default. */
  start?: boolean
  engine?: Partial<EngineOptions>
  storageHealth?: ServicesOptions['storageHealth']
  /** Anything else for createServices (discovery stand-ins, timeouts). */
  services?: Partial<ServicesOptions>
}

export type FlagState = Map<number, string[]>

export class MailWorld {
  private adminClient: ImapFlow | undefined

  private constructor(
    readonly user: TestUser,
    readonly account: Account,
    readonly services: Services,
    readonly dataDir: string,
    readonly secrets: SecretStore,
    private readonly ownsDataDir: boolean,
  ) {}

  static async open(opts: WorldOptions = {}): Promise<MailWorld> {
    const user = opts.user ?? (opts.family ?? dovecotFamily).createTestUser('sync')
    const family = familyOf(user)
    const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'mailroom-sync-'))
    const secrets = opts.secrets ?? createMemorySecretStore()
    const services = createServices({
      appName: 'Mailroom',
      version: 'test',
      dataDir,
      platform: process.platform,
      secrets,
      extraCa: [testCa()],
      saveDialog: opts.saveDialog,
      startMailSync: false,
      mailEngine: opts.engine,
      storageHealth: opts.storageHealth,
      ...opts.services,
    })
    const id = `acct-${user.address.split('@')[0]}`
    const base = sampleAccount(id, user.address)
    const account: Account = {
      ...base,
      incoming: {
        ...base.incoming,
        host: family.host,
        port: opts.port ?? family.ports.imaps,
        security: 'tls',
        username: user.address,
      },
    }
    if (!services.accounts.get(id)) services.accounts.insert(account)
    await secrets.set(secretKey(id, 'incoming'), user.password)
    const world = new MailWorld(user, account, services, dataDir, secrets, opts.dataDir === undefined)
    await world.admin() // also waits until Dovecot knows the new user
    if (opts.start) services.mail.start()
    return world
  }

  get mail() {
    return this.services.mail
  }

  get family(): ServerFamily {
    return familyOf(this.user)
  }

  /** A second client on the same mailbox, as another device would be. */
  async admin(): Promise<ImapFlow> {
    if (this.adminClient?.usable) return this.adminClient
    this.adminClient = await this.connectAdmin()
    return this.adminClient
  }

  private async newAdminClient(): Promise<ImapFlow> {
    const { host, ports } = this.family
    const client = new ImapFlow({
      host,
      port: ports.imaps,
      secure: true,
      tls: { ca: testCa() },
      auth: { user: this.user.address, pass: this.user.password },
      logger: false,
      disableAutoIdle: true,
    })
    client.on('error', () => undefined)
    await client.connect()
    return client
  }

  /**
   * Dovecot re-reads the passwd-file at most once a second, so a user created a moment ago may be
   * "unknown" for up to a second: retry the first login for a while.
   */
  private async connectAdmin(): Promise<ImapFlow> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.newAdminClient()
      } catch (err) {
        if (attempt >= 30 || !(err as { authenticationFailed?: boolean }).authenticationFailed) throw err
        await new Promise((r) => setTimeout(r, 200))
      }
    }
  }

  /** Delivers a message into the Inbox over LMTP (RFC 2033), as the MTA would. */
  async deliver(raw: string): Promise<void> {
    const { host, ports } = this.family
    const lmtp = nodemailer.createTransport({
      host,
      port: ports.lmtp,
      lmtp: true,
      tls: { ca: testCa(), servername: 'localhost' },
    })
    await lmtp.sendMail({ envelope: { from: 'sender@example.test', to: [this.user.address] }, raw })
    lmtp.close()
  }

  /** APPENDs a message (RFC 3501 §6.3.11) and returns its UID. */
  async append(path: string, raw: string, flags: string[] = [], date?: Date): Promise<number> {
    const res = await (await this.admin()).append(path, raw, flags, date)
    if (!res || res.uid === undefined) throw new Error(`APPEND to ${path} failed`)
    return res.uid
  }

  /** Every UID of a server mailbox with its flags (sorted, \Recent dropped). */
  async serverState(path: string): Promise<FlagState> {
    try {
      return await this.readServerState(path)
    } catch (err) {
      // The second client may have been kicked along with the engine (doveadm kick): once more.
      if ((err as { code?: string }).code !== 'NoConnection') throw err
      this.adminClient = undefined
      return this.readServerState(path)
    }
  }

  private async readServerState(path: string): Promise<FlagState> {
    const client = await this.admin()
    const state: FlagState = new Map()
    const lock = await client.getMailboxLock(path)
    try {
      if ((client.mailbox || { exists: 0 }).exists === 0) return state
      for await (const m of client.fetch('1:*', { uid: true, flags: true })) {
        state.set(m.uid, [...(m.flags ?? [])].filter((f) => f !== '\\Recent').sort())
      }
    } finally {
      lock.release()
    }
    return state
  }

  /** The same from the local store (hidden rows included: they still exist on the server). */
  localState(path: string): FlagState {
    const mb = this.mail.store.mailboxes.byPath(this.account.id, path)
    if (!mb) throw new Error(`No local mailbox ${path}`)
    const rows = this.services.db
      .prepare<
        [number],
        {
          uid: number
          seen: number
          flagged: number
          answered: number
          draft: number
          keywords: string | null
        }
      >(
        'SELECT uid, seen, flagged, answered, draft, keywords FROM mail_messages WHERE mailbox_id = ? AND uid IS NOT NULL',
      )
      .all(mb.id)
    const state: FlagState = new Map()
    for (const r of rows) {
      const flags = {
        seen: r.seen === 1,
        flagged: r.flagged === 1,
        answered: r.answered === 1,
        draft: r.draft === 1,
      }
      state.set(r.uid, joinFlags(flags, r.keywords ? (JSON.parse(r.keywords) as string[]) : []))
    }
    return state
  }

  /** Server mailbox paths (selectable ones), sorted. */
  async serverPaths(): Promise<string[]> {
    const list = await (await this.admin()).list()
    return list
      .filter((m) => !m.flags.has('\\Noselect'))
      .map((m) => m.path)
      .sort()
  }

  localPaths(): string[] {
    return this.mail.store.mailboxes
      .list(this.account.id)
      .filter((m) => m.selectable)
      .map((m) => m.path)
      .sort()
  }

  /** Resolves once `check` holds, re-checking on every store change (and every 50 ms). */
  async until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
    const end = Date.now() + timeoutMs
    while (!(await check())) {
      if (Date.now() > end) throw new Error(`Timed out waiting for: ${what}`)
      await new Promise((r) => setTimeout(r, 50))
    }
  }

  mailboxId(path: string): string {
    const mb = this.mail.store.mailboxes.byPath(this.account.id, path)
    if (!mb) throw new Error(`No local mailbox ${path}`)
    return String(mb.id)
  }

  /** Closes the services (and the second client); the data folder stays unless this world made it. */
  async close(opts: { keepData?: boolean } = {}): Promise<void> {
    if (this.adminClient) await this.adminClient.logout().catch(() => undefined)
    await this.services.close()
    if (this.ownsDataDir && !opts.keepData) rmSync(this.dataDir, { recursive: true, force: true })
  }
}

let counter = 0
/** A small RFC 5322 message; `date` null leaves the Date header out, a string is used verbatim. */
export function testMessage(
  o: {
    subject?: string
    from?: string
    to?: string
    date?: string | Date | null
    body?: string
    headers?: Record<string, string>
  } = {},
): string {
  const n = ++counter
  // Distinct dates in the order of creation, so "newest first" is well defined.
  const date = o.date === undefined ? new Date(Date.UTC(2024, 0, 1) + n * 60_000) : o.date
  const lines = [
    `From: ${o.from ?? 'Sender <sender@example.test>'}`,
    `To: ${o.to ?? 'reader@example.test'}`,
    `Subject: ${o.subject ?? `Message ${n}`}`,
    ...(date === null ? [] : [`Date: ${date instanceof Date ? date.toUTCString() : date}`]),
    // A Message-ID given in `headers` replaces the generated one (never two of them).
    ...(o.headers?.['Message-ID'] ? [] : [`Message-ID: <msg-${n}-${Date.now()}@example.test>`]),
    ...Object.entries(o.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    o.body ?? `Body of message ${n}.`,
    '',
  ]
  return lines.join('\r\n')
}
