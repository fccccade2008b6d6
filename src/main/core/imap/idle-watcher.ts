import type { ImapFlow } from 'imapflow'
import type { Account } from '../../../shared/model/account'
import type { TlsTrust } from '../net/tls'
import type { LoginSecret } from '../sasl/oauth-sasl'
import { createImapClient } from './imap-client'
import { mapImapError } from './imap-errors'
import { logoutQuietly } from './imap-session'

export interface IdleWatcherDeps {
  account: () => Account
  /** The connect-and-login step with the account's credential (as SessionDeps.login). */
  login: <T>(use: (secret: LoginSecret) => Promise<T>) => Promise<T>
  trust: TlsTrust
  /** The server reported a change in the watched mailbox (new, expunged or re-flagged mail). */
  onChange: () => void
  /** The connection ended without us closing it (server restart, network loss). */
  onLost: () => void
}

/** Coalesces a burst of untagged responses (a delivery is EXISTS + FETCH) into one sync. */
const DEBOUNCE_MS = 100

/**
 * A second connection that sits in IDLE (RFC 2177) on one mailbox, the Inbox, so the server
 * pushes new mail at once. It never writes to the store: it only tells the engine to sync, and
 * the worker connection does the rest. imapflow starts IDLE 200 ms after the SELECT and re-issues
 * it every 5 minutes (createImapClient's 'idle' profile).
 */
export class IdleWatcher {
  private client: ImapFlow | null = null
  private starting: Promise<void> | null = null
  private timer: NodeJS.Timeout | undefined
  private stopped = false

  constructor(private readonly deps: IdleWatcherDeps) {}

  get watching(): boolean {
    return this.client?.usable === true
  }

  /** Connects and selects `path` unless already watching. Failures surface through the caller's retry. */
  ensure(path: string): Promise<void> {
    if (this.stopped || this.watching) return Promise.resolve()
    this.starting ??= this.open(path).finally(() => (this.starting = null))
    return this.starting
  }

  async stop(): Promise<void> {
    this.stopped = true
    clearTimeout(this.timer)
    const client = this.client
    this.client = null
    if (client) await logoutQuietly(client)
  }

  private open(path: string): Promise<void> {
    return this.deps.login((secret) => this.openWith(path, secret))
  }

  private async openWith(path: string, secret: LoginSecret): Promise<void> {
    const account = this.deps.account()
    const client = createImapClient(account, secret, this.deps.trust, 'idle')
    client.on('error', () => undefined)
    const changed = () => {
      clearTimeout(this.timer)
      this.timer = setTimeout(() => this.deps.onChange(), DEBOUNCE_MS)
    }
    client.on('exists', changed)
    client.on('expunge', changed)
    client.on('flags', changed)
    client.on('close', () => {
      if (this.client !== client) return
      this.client = null
      if (!this.stopped) this.deps.onLost()
    })
    try {
      await client.connect()
      await client.mailboxOpen(path)
    } catch (err) {
      client.close()
      const { host, port } = account.incoming
      throw mapImapError(err, { host, port })
    }
    if (this.stopped) return logoutQuietly(client)
    this.client = client
    // Mail that arrived between the engine's last sync of this mailbox and this SELECT is in
    // the SELECT's counts, not in any later push: have the engine look once now.
    this.deps.onChange()
  }
}
