import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Account, AccountDraft } from '../../src/shared/model/account'
import { draftFor } from '../helpers/account-drafts'
import { mailStack, type TestUser } from '../servers/mail-env'
import {
  addAccount,
  fetchByMessageId,
  knownUser,
  settled,
  stackAccount,
  startSendingApp,
  waitFor,
  type SendingApp,
} from './helpers/sending'
import { certificatePem, fingerprintOfFile, SwitchRelay } from './helpers/tls-cases'

/**
 * An account's own certificate authority (enterprise mail): the private CA's PEM, stored with the
 * account, makes that account's servers' certificates verify like any other (host name and dates
 * included), for that account only. Against the real servers on 127.0.0.6, whose certificate the
 * private CA issued.
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

const privateCa = () => mailStack().badTls.privateCa
const caPem = () => readFileSync(join(mailStack().tlsDir, 'private-ca.pem'), 'utf8')
const untrusted = {
  code: 'TLS_FAILED',
  detail: { tlsReason: 'untrusted', fingerprint: fingerprintOfFile('privateca') },
}

function add(draft: AccountDraft, user: TestUser): Promise<Account> {
  return app.services.accountsService.add(draft, { incoming: user.password })
}

async function send(account: Account, to: TestUser) {
  const { compose } = app.services
  const draft = compose.createDraft(account.id, null)
  const item = await compose.sendDraft({ ...draft, to: to.address, subject: 'account CA', html: '<p>hi</p>' })
  return settled(app.services, item.id)
}

describe('an account’s own certificate authority', () => {
  it('makes that account’s servers work: IMAP sync, sending with its Sent copy, POP3', async () => {
    const user = await knownUser('acct-ca')
    const friend = await knownUser('acct-ca-to')
    const { ports } = mailStack()
    // Text around the certificate (as in CA bundles) is dropped; the certificate is kept.
    const draft = {
      ...draftFor(user, {
        incoming: { host: privateCa(), port: ports.imap, security: 'starttls' },
        outgoing: { host: privateCa(), port: ports.submission, security: 'starttls' },
      }),
      trustedCa: `subject=CN = Mailroom Private CA (untrusted)\n${caPem()}`,
    }
    await expect(add({ ...draft, trustedCa: undefined }, user)).rejects.toMatchObject(untrusted)
    const account = await add(draft, user)
    expect(account.pins).toEqual([])
    expect(account.trustedCa).toBe(caPem().trim())
    await app.services.mail.syncAccount(account.id)
    const item = await send(account, friend)
    expect(item).toMatchObject({ state: 'sent', sentCopy: 'saved' })
    await waitFor('delivery', async () => {
      const copies = await fetchByMessageId(friend, 'INBOX', item.messageId)
      return copies.length > 0 ? copies : undefined
    })

    const popUser = await knownUser('acct-ca-pop')
    const pop = await add(
      {
        ...draftFor(popUser, {
          incoming: { protocol: 'pop3', host: privateCa(), port: ports.pop3s, security: 'tls' },
          outgoing: { host: privateCa(), port: ports.submissions, security: 'tls' },
        }),
        trustedCa: caPem(),
      },
      popUser,
    )
    expect((await send(pop, popUser)).state).toBe('sent')
    const inbox = app.services.mail.findMailboxByRole(pop.id, 'inbox')!
    await waitFor('POP3 to download it', async () => {
      await app.services.pop3.checkNow(pop.id)
      const page = await app.services.mail.listMessages(inbox.id, { offset: 0, limit: 10 })
      return page.total > 0 ? page : undefined
    })
  })

  it('is for that account only, and host names are still checked', async () => {
    const user = await knownUser('acct-ca-only')
    const { ports } = mailStack()
    const servers = {
      incoming: { host: privateCa(), port: ports.imaps, security: 'tls' },
      outgoing: { host: privateCa(), port: ports.submissions, security: 'tls' },
    } as const
    const withCa = await add({ ...draftFor(user, servers), trustedCa: caPem() }, user)
    await app.services.mail.syncAccount(withCa.id)
    // Another account on the same servers, saved while the first one's connections are open.
    const other = await knownUser('acct-ca-other')
    const saved = stackAccount('acct-ca-saved', other, {
      incoming: { ...servers.incoming, protocol: 'imap', username: other.address, authMethod: 'auto' },
      outgoing: { ...servers.outgoing, username: other.address, authMethod: 'auto' },
    })
    await addAccount(app.services, saved, other.password)
    await expect(app.services.mail.syncAccount(saved.id)).rejects.toMatchObject(untrusted)
    await expect(app.services.compose.getSubmissionInfo(saved.id)).rejects.toMatchObject(untrusted)
    // Giving it the CA later (an edit, verified again) makes it work: its connections are new.
    const { id: _id, createdAt: _c, ...draft } = saved
    await app.services.accountsService.update(saved.id, { ...draft, trustedCa: caPem() }, {})
    await app.services.mail.syncAccount(saved.id)
    await expect(app.services.compose.getSubmissionInfo(saved.id)).resolves.toBeTruthy()

    // 127.0.0.9 is not among the certificate's names: the CA vouches for names, not for anything.
    const relay = new SwitchRelay({ host: privateCa(), port: ports.imaps }, '127.0.0.9')
    relays.push(relay)
    await relay.start()
    const renamed = draftFor(user, { incoming: { host: relay.host, port: relay.port, security: 'tls' } })
    await expect(add({ ...renamed, trustedCa: caPem() }, user)).rejects.toMatchObject({
      code: 'TLS_FAILED',
      detail: { tlsReason: 'wrong-host', role: 'incoming', nameMatches: false },
    })
  })

  it('must be CA certificates: a server certificate or other text is refused, nothing is saved', async () => {
    const user = await knownUser('acct-ca-bad')
    const before = app.services.accounts.list().length
    for (const trustedCa of [
      certificatePem('privateca'),
      'not a certificate',
      caPem().replace(/[A-Z]{8}/, ''),
    ]) {
      await expect(add({ ...draftFor(user), trustedCa }, user)).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        detail: { field: 'draft.trustedCa' },
      })
    }
    expect(app.services.accounts.list().length).toBe(before)
  })
})
