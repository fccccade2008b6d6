/**
 * Test setup for sending: real services (real SQLite in a temp folder) with an account whose
 * servers are the user's server family (Dovecot/Postfix unless made by another family), and IMAP
 * helpers to look into a recipient's mailbox.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ImapFlow } from 'imapflow'
import { secretKey } from '../../../src/main/core/accounts/account-secrets'
import { createMemorySecretStore } from '../../../src/main/core/secrets/secret-store'
import { createServices, type Services, type ServicesOptions } from '../../../src/main/services'
import type { Account } from '../../../src/shared/model/account'
import type { OutboxItem } from '../../../src/shared/model/compose'
import { dovecotFamily, familyOf, type ServerFamily } from '../../servers/families'
import { testCa, type TestUser } from '../../servers/mail-env'

export function stackAccount(id: string, user: TestUser, over: Partial<Account> = {}): Account {
  const { host, ports } = familyOf(user)
  const server = { host, username: user.address, authMethod: 'auto' as const }
  return {
    id,
    displayName: user.address,
    address: user.address,
    incoming: { ...server, protocol: 'imap', port: ports.imaps, security: 'tls' },
    outgoing: { ...server, port: ports.submission, security: 'starttls' },
    identities: [{ id: `${id}-main`, name: 'Sënder Tëst', address: user.address, signature: 'Sënder' }],
    pins: [],
    createdAt: Date.now(),
    ...over,
  }
}

export interface SendingApp {
  services: Services
  dataDir: string
  close(opts?: { keepData?: boolean }): Promise<void>
}

export async function startSendingApp(
  opts: Partial<ServicesOptions> & { dataDir?: string; passwords?: Record<string, string> } = {},
): Promise<SendingApp> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'mailroom-send-'))
  // Passwords must be there before the outbox starts (it sends what is due at once).
  const secrets = createMemorySecretStore()
  for (const [accountId, password] of Object.entries(opts.passwords ?? {})) {
    await secrets.set(secretKey(accountId, 'incoming'), password)
    await secrets.set(secretKey(accountId, 'outgoing'), password)
  }
  const services = createServices({
    appName: 'Mailroom',
    version: '0.0.0-test',
    dataDir,
    platform: process.platform,
    secrets,
    extraCa: [testCa()],
    outbox: { retryDelaysMs: [300, 600, 1000] },
    ...opts,
  })
  await services.outbox.start()
  return {
    services,
    dataDir,
    async close(c = {}) {
      await services.close()
      if (!c.keepData && !opts.dataDir) rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export async function addAccount(services: Services, account: Account, password: string): Promise<void> {
  services.accounts.insert(account)
  await services.secrets.set(secretKey(account.id, 'incoming'), password)
  await services.secrets.set(secretKey(account.id, 'outgoing'), password)
}

export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const end = Date.now() + timeoutMs
  for (;;) {
    const v = await probe()
    if (v !== undefined) return v
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** Waits until the outbox item is settled: sent (with its Sent copy done), failed or uncertain. */
export function settled(services: Services, id: string, timeoutMs?: number): Promise<OutboxItem> {
  return waitFor(
    `outbox item ${id} to settle`,
    () => {
      const item = services.outbox.get(id)
      if (!item) return undefined
      if (item.state === 'failed' || item.state === 'uncertain') return item
      if (item.state === 'sent' && item.sentCopy !== 'pending') return item
      return undefined
    },
    timeoutMs,
  )
}

export function imapClient(user: TestUser): ImapFlow {
  const { host, ports } = familyOf(user)
  const client = new ImapFlow({
    host,
    port: ports.imaps,
    secure: true,
    tls: { ca: testCa() },
    auth: { user: user.address, pass: user.password },
    logger: false,
  })
  client.on('error', () => undefined)
  return client
}

/** Raw sources of the messages in `mailbox` whose Message-ID is `messageId`. */
export async function fetchByMessageId(
  user: TestUser,
  mailbox: string,
  messageId: string,
): Promise<Buffer[]> {
  const client = imapClient(user)
  await client.connect()
  try {
    const lock = await client.getMailboxLock(mailbox)
    try {
      const uids = (await client.search({ header: { 'message-id': messageId } }, { uid: true })) || []
      const out: Buffer[] = []
      if (uids.length === 0) return out
      for await (const m of client.fetch(uids.join(','), { source: true }, { uid: true })) {
        if (m.source) out.push(m.source)
      }
      return out
    } finally {
      lock.release()
    }
  } finally {
    await client.logout()
  }
}

/** All Message-IDs in a mailbox (to count copies). */
export async function messageIdsIn(user: TestUser, mailbox: string): Promise<string[]> {
  const client = imapClient(user)
  await client.connect()
  try {
    const lock = await client.getMailboxLock(mailbox)
    try {
      const ids: string[] = []
      if (!client.mailbox || client.mailbox.exists === 0) return ids
      for await (const m of client.fetch('1:*', { envelope: true })) ids.push(m.envelope?.messageId ?? '')
      return ids
    } finally {
      lock.release()
    }
  } finally {
    await client.logout()
  }
}

/**
 * A fresh user that its servers already know: Dovecot re-reads its users file on change, but a
 * user added in the same instant as a delivery can be missed (LMTP then answers "User doesn't
 * exist"). Cyrus makes the user's folders at this first login.
 */
export async function knownUser(prefix: string, family: ServerFamily = dovecotFamily): Promise<TestUser> {
  const user = family.createTestUser(prefix)
  await waitFor(`${family.title} to know ${user.address}`, async () => {
    const client = imapClient(user)
    try {
      await client.connect()
      await client.logout()
      return true
    } catch {
      return undefined
    }
  })
  return user
}
