/** Helpers for reader tests: a real IMAP account in the app under test, and mail delivered to it. */
import { execFileSync } from 'node:child_process'
import nodemailer from 'nodemailer'
import { secretKey } from '../../src/main/core/accounts/account-secrets'
import type { Account } from '../../src/shared/model/account'
import { mailStack, testCa, type TestUser } from '../servers/mail-env'
import type { AppUnderTest } from './harness'

/** Adds the user's account as the account wizard would: settings in the store, passwords in the keychain. */
export async function addImapAccount(
  app: AppUnderTest,
  user: TestUser,
  id = `acc-${Date.now()}`,
  displayName = user.address.split('@')[0]!,
): Promise<Account> {
  const { host, ports } = mailStack()
  const server = { host, username: user.address, authMethod: 'auto' as const, security: 'tls' as const }
  const account: Account = {
    id,
    displayName,
    address: user.address,
    incoming: { ...server, protocol: 'imap', port: ports.imaps },
    outgoing: { ...server, port: ports.submissions },
    identities: [{ id: `${id}-main`, name: 'Reader Test', address: user.address }],
    pins: [],
    createdAt: Date.now(),
  }
  await app.services.secrets.set(secretKey(id, 'incoming'), user.password)
  await app.services.secrets.set(secretKey(id, 'outgoing'), user.password)
  app.services.accounts.insert(account)
  app.services.events.emit('accounts:changed', { accountId: id })
  // The page was opened without an account, so it shows the first-run wizard (decided once at
  // load): load it again, as the app starts when an account exists.
  await app.page.reload()
  return account
}

/** Delivers a message through Postfix's inbound SMTP port, which hands it to Dovecot over LMTP. */
export async function deliverOverSmtp(
  to: TestUser,
  mail: { from: string; subject: string; html?: string; text?: string },
): Promise<void> {
  const { host, ports } = mailStack()
  const transport = nodemailer.createTransport({
    host,
    port: ports.smtp,
    secure: false,
    tls: { ca: testCa() },
  })
  try {
    await transport.sendMail({ ...mail, to: to.address })
  } finally {
    transport.close()
  }
}

/** Waits until Dovecot holds `count` messages in the user's INBOX (Postfix delivers asynchronously). */
export async function waitForInbox(user: TestUser, count: number): Promise<void> {
  const { dovecotConf } = mailStack()
  for (let i = 0; ; i++) {
    const out = execFileSync('doveadm', [
      '-c',
      dovecotConf,
      'mailbox',
      'status',
      '-u',
      user.address,
      'messages',
      'INBOX',
    ])
    if (Number(/messages=(\d+)/.exec(out.toString())?.[1]) >= count) return
    if (i >= 300) throw new Error(`${user.address}: INBOX still has fewer than ${count} messages`)
    await new Promise((r) => setTimeout(r, 100))
  }
}
