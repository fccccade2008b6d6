import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDraftStore } from '../../src/main/core/drafts/draft-store'
import { createDraftSync } from '../../src/main/core/drafts/draft-sync'
import { createEventBus } from '../../src/main/core/events'
import type { Account, AccountDraft, CertificatePin } from '../../src/shared/model/account'
import { draftFor } from '../helpers/account-drafts'
import { SERVER_FAMILIES } from '../servers/families'
import { mailStack, type TestUser } from '../servers/mail-env'
import {
  fetchByMessageId,
  knownUser,
  settled,
  startSendingApp,
  waitFor,
  type SendingApp,
} from './helpers/sending'
import { fingerprintOfFile, SwitchRelay } from './helpers/tls-cases'

/**
 * Certificate exceptions against the real servers of each family (Dovecot and Postfix, Cyrus and
 * Exim, each serving a self-signed certificate on 127.0.0.2): accepting a self-signed certificate
 * pins its SHA-256 for that account's server (host and port) only. The protocol services that
 * connect later use the pin; a different certificate on the same server is refused again; another
 * account with the same servers is not affected.
 */
let app: SendingApp
const relays: SwitchRelay[] = []

beforeAll(async () => {
  app = await startSendingApp()
  app.services.outbox.setSettings({ undoSeconds: 0 })
})
afterAll(async () => {
  await Promise.all(relays.map((r) => r.stop()))
  await app?.close()
})

const pin = (host: string, port: number): CertificatePin => ({
  host,
  port,
  fingerprint: fingerprintOfFile('selfsigned'),
})

/** Adds the account through the accounts service (verification included), as the person would. */
function add(draft: AccountDraft, user: TestUser, pins: CertificatePin[]): Promise<Account> {
  return app.services.accountsService.add({ ...draft, pins }, { incoming: user.password })
}

async function send(account: Account, to: TestUser) {
  const { compose } = app.services
  const draft = compose.createDraft(account.id, null)
  const item = await compose.sendDraft({ ...draft, to: to.address, subject: 'pinned', html: '<p>hi</p>' })
  return settled(app.services, item.id)
}

async function startRelay(target: { host: string; port: number }): Promise<SwitchRelay> {
  const relay = new SwitchRelay(target)
  relays.push(relay)
  await relay.start()
  return relay
}

describe.each(SERVER_FAMILIES)('a certificate exception on $title', (family) => {
  const selfSigned = () => family.selfSigned

  it('lets POP3 retrieval and SMTP sending reach the pinned servers, and nothing else', async () => {
    const user = await knownUser('pinned', family)
    const friend = await knownUser('pinned-to', family)
    const { ports } = family
    const draft = draftFor(user, {
      incoming: { protocol: 'pop3', host: selfSigned(), port: ports.pop3s, security: 'tls' },
      outgoing: { host: selfSigned(), port: ports.submissions, security: 'tls' },
    })
    // Without the exception the account cannot be added; with it, it can.
    await expect(add(draft, user, [])).rejects.toMatchObject({ code: 'TLS_FAILED' })
    const pins = [pin(selfSigned(), ports.pop3s), pin(selfSigned(), ports.submissions)]
    const account = await add(draft, user, pins)
    expect(app.services.accounts.get(account.id)?.pins.every((p) => p.pem?.includes('CERTIFICATE'))).toBe(
      true,
    )

    const item = await send(account, friend)
    expect(item.state).toBe('sent')
    await waitFor('delivery', async () => {
      const copies = await fetchByMessageId(friend, 'INBOX', item.messageId)
      return copies.length > 0 ? copies : undefined
    })
    // The friend's message reaches the pinned account's POP3 inbox.
    const back = await send(await add(draftFor(friend), friend, []), user)
    expect(back.state).toBe('sent')
    const inbox = app.services.mail.findMailboxByRole(account.id, 'inbox')!
    await waitFor('POP3 to download it', async () => {
      await app.services.pop3.checkNow(account.id)
      const page = await app.services.mail.listMessages(inbox.id, { offset: 0, limit: 10 })
      return page.total > 0 ? page : undefined
    })

    // Another account on the very same servers has no exception: refused, verified or not.
    const other = await knownUser('unpinned', family)
    const otherDraft = draftFor(other, { incoming: draft.incoming, outgoing: draft.outgoing })
    await expect(add(otherDraft, other, [])).rejects.toMatchObject({
      code: 'TLS_FAILED',
      detail: { tlsReason: 'self-signed' },
    })
    // The exception names a port: the same host's IMAP server is not covered by it.
    const imapDraft = draftFor(user, { incoming: { host: selfSigned(), port: ports.imaps } })
    await expect(add(imapDraft, user, pins)).rejects.toMatchObject({
      code: 'TLS_FAILED',
      detail: { role: 'incoming', tlsReason: 'self-signed' },
    })
  })

  it('is refused again when the same server later shows a different certificate', async () => {
    const user = await knownUser('pin-switch', family)
    const { ports } = family
    const pop3 = await startRelay({ host: selfSigned(), port: ports.pop3s })
    const smtp = await startRelay({ host: selfSigned(), port: ports.submissions })
    const draft = draftFor(user, {
      incoming: { protocol: 'pop3', host: '127.0.0.1', port: pop3.port, security: 'tls' },
      outgoing: { host: '127.0.0.1', port: smtp.port, security: 'tls' },
    })
    const account = await add(draft, user, [pin('127.0.0.1', pop3.port), pin('127.0.0.1', smtp.port)])
    await expect(app.services.pop3.checkNow(account.id)).resolves.toMatchObject({ identity: 'uidl' })
    await expect(app.services.compose.getSubmissionInfo(account.id)).resolves.toBeTruthy()

    // The same host and port now present another certificate (signed by a CA we trust, for
    // another name; Dovecot's and Postfix's on their wrong-host address): the exception was for
    // one certificate, not for the server.
    const { badTls, ports: wrongHostPorts } = mailStack()
    pop3.switchTo({ host: badTls.wrongHost, port: wrongHostPorts.pop3s })
    smtp.switchTo({ host: badTls.wrongHost, port: wrongHostPorts.submissions })
    await expect(app.services.pop3.checkNow(account.id)).rejects.toMatchObject({
      code: 'TLS_FAILED',
      detail: { tlsReason: 'wrong-host', fingerprint: fingerprintOfFile('wronghost') },
    })
    const other = await knownUser('pin-switch-to', family)
    const item = await send(account, other)
    expect(item).toMatchObject({ state: 'failed', lastError: { code: 'TLS_FAILED' } })
  })
})

describe.each(SERVER_FAMILIES)('IMAP with a certificate exception on $title', (family) => {
  // The IMAP sessions (sync, and the Sent/Drafts copies) pass the account's pins to tlsOptionsFor.
  it('syncs, and saves the Drafts copy, through the pinned IMAP server', async () => {
    const user = await knownUser('pinned-imap', family)
    const { ports, selfSigned } = family
    const draft = draftFor(user, { incoming: { host: selfSigned, port: ports.imaps } })
    const account = await add(draft, user, [pin(selfSigned, ports.imaps)])
    await app.services.mail.syncAccount(account.id)
    expect(app.services.mail.findMailboxByRole(account.id, 'inbox')).not.toBeNull()
    const { compose, accountSource, trust, db } = app.services
    const local = compose.createDraft(account.id, null)
    compose.saveDraft({ ...local, subject: 'pinned draft' })
    const sync = createDraftSync({
      drafts: createDraftStore(db),
      accounts: accountSource,
      trust,
      events: createEventBus(),
    })
    await sync.flush(local.id).finally(() => sync.stop())
  })
})
