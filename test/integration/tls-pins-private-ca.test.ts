import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDraftStore } from '../../src/main/core/drafts/draft-store'
import { createDraftSync } from '../../src/main/core/drafts/draft-sync'
import { createEventBus } from '../../src/main/core/events'
import { AppError } from '../../src/shared/errors'
import type { Account, AccountDraft, CertificatePin, ServerRole } from '../../src/shared/model/account'
import { draftFor } from '../helpers/account-drafts'
import { createTestUser, mailStack, type TestUser } from '../servers/mail-env'
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
import {
  expectNoDovecotLogin,
  expectNoPostfixAuth,
  fingerprintOfFile,
  markLogs,
  SwitchRelay,
  TlsDecoy,
} from './helpers/tls-cases'

/**
 * Certificate exceptions for a server whose certificate is issued by a private CA that nothing
 * trusts (127.0.0.6 on the test stack, served with its chain, as enterprise servers do): the case
 * where handing the pinned certificate to OpenSSL as a CA was not enough. The person meets the
 * error, trusts the certificate it names, and the account works for IMAP, SMTP and POP3; another
 * certificate (even one from the same CA, for the same names), another account, another port,
 * another host name, and an expired or not yet valid certificate are still refused, without a
 * byte of a command or credential reaching the refused server.
 */
let app: SendingApp
const stoppers: { stop(): Promise<void> }[] = []

beforeAll(async () => {
  app = await startSendingApp()
  app.services.outbox.setSettings({ undoSeconds: 0 })
})
afterAll(async () => {
  await Promise.all(stoppers.map((s) => s.stop()))
  await app?.close()
})

const privateCa = () => mailStack().badTls.privateCa
const ISSUER = 'CN=Mailroom Private CA (untrusted)'

async function started<T extends { start(): Promise<number>; stop(): Promise<void> }>(thing: T): Promise<T> {
  stoppers.push(thing)
  await thing.start()
  return thing
}

/**
 * Adds the account as the person does in the app: save; on a certificate failure, trust the
 * certificate the error names for the server it names (withPinFor in the renderer: the other
 * name is accepted only when the error said the certificate names another host); save again.
 */
async function addTrusting(
  draft: AccountDraft,
  user: TestUser,
): Promise<{ account: Account; errors: AppError[] }> {
  const errors: AppError[] = []
  let pins: CertificatePin[] = []
  for (;;) {
    try {
      const account = await app.services.accountsService.add({ ...draft, pins }, { incoming: user.password })
      return { account, errors }
    } catch (err) {
      if (!(err instanceof AppError) || !err.detail?.fingerprint || errors.length >= 4) throw err
      errors.push(err)
      const d = err.detail
      const role: ServerRole = d.role === 'outgoing' ? 'outgoing' : 'incoming'
      const server = draft[role]
      const otherName = d.tlsReason === 'wrong-host' || d.nameMatches === false
      pins = [
        ...pins.filter((p) => !(p.host === server.host && p.port === server.port)),
        {
          host: server.host,
          port: server.port,
          fingerprint: d.fingerprint!,
          ...(otherName ? { allowNameMismatch: true } : {}),
        },
      ]
    }
  }
}

async function send(account: Account, to: TestUser) {
  const { compose } = app.services
  const draft = compose.createDraft(account.id, null)
  const item = await compose.sendDraft({ ...draft, to: to.address, subject: 'private CA', html: '<p>hi</p>' })
  return settled(app.services, item.id)
}

async function flushDraft(account: Account): Promise<void> {
  const { compose, accountSource, trust, db } = app.services
  const draft = compose.createDraft(account.id, null)
  compose.saveDraft({ ...draft, subject: 'draft through a private CA' })
  const sync = createDraftSync({
    drafts: createDraftStore(db),
    accounts: accountSource,
    trust,
    events: createEventBus(),
  })
  await sync.flush(draft.id).finally(() => sync.stop())
}

const untrusted = (fingerprint: string) => ({
  code: 'TLS_FAILED',
  detail: { tlsReason: 'untrusted', fingerprint, issuer: ISSUER },
})

describe('a certificate issued by a private CA', () => {
  it('once trusted, works for IMAP sync, the Drafts and Sent copies, SMTP sending and POP3 retrieval', async () => {
    const { ports } = mailStack()
    const servers = {
      incoming: { host: privateCa(), port: ports.imaps, security: 'tls' },
      outgoing: { host: privateCa(), port: ports.submission, security: 'starttls' },
    } as const
    // Without an exception: refused as "issuer not trusted" (never "self-signed"), naming the
    // certificate, and no password reaches either server.
    const stranger = createTestUser('privca-refused')
    const mark = markLogs()
    const report = await app.services.accountsService.test(draftFor(stranger, servers), {
      incoming: stranger.password,
    })
    for (const role of ['incoming', 'outgoing'] as const) {
      expect(report[role]).toMatchObject({ ok: false, error: untrusted(fingerprintOfFile('privateca')) })
      expect(report[role]).toMatchObject({
        error: { detail: { subject: 'CN=mail.private.test', nameMatches: true, role } },
      })
    }
    await expectNoDovecotLogin(mark, privateCa(), stranger)
    await expectNoPostfixAuth(mark, 'submission-privateca', stranger)

    const user = await knownUser('privca')
    const friend = await knownUser('privca-to')
    const { account, errors } = await addTrusting(draftFor(user, servers), user)
    // The person trusted what the errors named; its names include the host, so the exceptions
    // do not accept another name.
    expect(errors.length).toBeGreaterThan(0)
    for (const e of errors) {
      expect(e).toMatchObject(untrusted(fingerprintOfFile('privateca')))
      expect(e.detail?.validTo).toMatch(/^\d{4}-\d\d-\d\dT/)
    }
    expect(account.pins.map((p) => p.port).sort()).toEqual([ports.imaps, ports.submission].sort())
    expect(account.pins.every((p) => p.allowNameMismatch === undefined)).toBe(true)

    await app.services.mail.syncAccount(account.id)
    const inbox = app.services.mail.findMailboxByRole(account.id, 'inbox')!
    await flushDraft(account)
    const item = await send(account, friend)
    expect(item).toMatchObject({ state: 'sent', sentCopy: 'saved' })
    await waitFor('delivery', async () => {
      const copies = await fetchByMessageId(friend, 'INBOX', item.messageId)
      return copies.length > 0 ? copies : undefined
    })
    const reply = await send(
      await app.services.accountsService.add(draftFor(friend), { incoming: friend.password }),
      user,
    )
    expect(reply.state).toBe('sent')
    await waitFor('the reply to sync in', async () => {
      await app.services.mail.syncAccount(account.id)
      const page = await app.services.mail.listMessages(inbox.id, { offset: 0, limit: 10 })
      return page.total > 0 ? page : undefined
    })

    // POP3 (STLS) and submission over implicit TLS, on the same private-CA server.
    const popUser = await knownUser('privca-pop')
    const pop = await addTrusting(
      draftFor(popUser, {
        incoming: { protocol: 'pop3', host: privateCa(), port: ports.pop3, security: 'starttls' },
        outgoing: { host: privateCa(), port: ports.submissions, security: 'tls' },
      }),
      popUser,
    )
    expect(pop.errors.every((e) => e.detail?.tlsReason === 'untrusted')).toBe(true)
    expect((await send(pop.account, popUser)).state).toBe('sent')
    const popInbox = app.services.mail.findMailboxByRole(pop.account.id, 'inbox')!
    await waitFor('POP3 to download it', async () => {
      await app.services.pop3.checkNow(pop.account.id)
      const page = await app.services.mail.listMessages(popInbox.id, { offset: 0, limit: 10 })
      return page.total > 0 ? page : undefined
    })
  })

  it('is refused for another account, another port and another certificate of the same CA, sending nothing', async () => {
    const user = await knownUser('privca-switch')
    const { ports } = mailStack()
    const relays = {
      imaps: await started(new SwitchRelay({ host: privateCa(), port: ports.imaps })),
      pop3s: await started(new SwitchRelay({ host: privateCa(), port: ports.pop3s })),
      submissions: await started(new SwitchRelay({ host: privateCa(), port: ports.submissions })),
    }
    const outgoing = { host: '127.0.0.1', port: relays.submissions.port, security: 'tls' } as const
    const imapDraft = draftFor(user, {
      incoming: { host: '127.0.0.1', port: relays.imaps.port, security: 'tls' },
      outgoing,
    })
    const popDraft = draftFor(user, {
      incoming: { protocol: 'pop3', host: '127.0.0.1', port: relays.pop3s.port, security: 'tls' },
      outgoing,
    })
    const imap = (await addTrusting(imapDraft, user)).account
    const pop = (await addTrusting(popDraft, user)).account
    await app.services.mail.syncAccount(imap.id)
    await expect(app.services.pop3.checkNow(pop.id)).resolves.toMatchObject({ identity: 'uidl' })

    // Another account on the very same servers has no exception.
    const other = await knownUser('privca-other')
    await expect(
      app.services.accountsService.add(draftFor(other, { incoming: imapDraft.incoming, outgoing }), {
        incoming: other.password,
      }),
    ).rejects.toMatchObject(untrusted(fingerprintOfFile('privateca')))
    const saved = stackAccount('privca-saved', other, {
      incoming: { ...imapDraft.incoming, username: other.address },
      outgoing: { ...imapDraft.outgoing, username: other.address },
    })
    await addAccount(app.services, saved, other.password)
    await expect(app.services.mail.syncAccount(saved.id)).rejects.toMatchObject(
      untrusted(fingerprintOfFile('privateca')),
    )
    // The exception names a port: the POP3 account's pins do not cover the IMAP port.
    await expect(
      app.services.accountsService.add({ ...imapDraft, pins: pop.pins }, { incoming: user.password }),
    ).rejects.toMatchObject({ detail: { role: 'incoming', tlsReason: 'untrusted' } })

    // The same host and port now present another certificate from the same CA, for the same names.
    const decoys = {
      imaps: await started(new TlsDecoy('privateca2', '* OK IMAP4rev1 ready\r\n')),
      pop3s: await started(new TlsDecoy('privateca2', '+OK POP3 ready\r\n')),
      submissions: await started(new TlsDecoy('privateca2', '220 mail.private.test ESMTP\r\n')),
    }
    for (const key of ['imaps', 'pop3s', 'submissions'] as const) {
      relays[key].switchTo({ host: '127.0.0.1', port: decoys[key].port })
    }
    const impostor = (port: number) => ({
      ...untrusted(fingerprintOfFile('privateca2')),
      detail: { ...untrusted(fingerprintOfFile('privateca2')).detail, host: '127.0.0.1', port },
    })
    await expect(app.services.mail.syncAccount(imap.id)).rejects.toMatchObject(impostor(relays.imaps.port))
    await expect(app.services.pop3.checkNow(pop.id)).rejects.toMatchObject(impostor(relays.pop3s.port))
    expect(await send(imap, user)).toMatchObject({
      state: 'failed',
      lastError: impostor(relays.submissions.port),
    })
    // Each impostor was reached, and heard nothing: no command, no credential.
    for (const decoy of Object.values(decoys)) {
      expect(decoy.connections).toBeGreaterThan(0)
      expect(decoy.received).toBe(0)
    }
  })

  it('still checks the host name unless the exception accepts the other name', async () => {
    const user = await knownUser('privca-name')
    const { ports } = mailStack()
    // 127.0.0.9 is not among the certificate's names (mail.private.test, 127.0.0.6, 127.0.0.1).
    const relay = await started(new SwitchRelay({ host: privateCa(), port: ports.imaps }, '127.0.0.9'))
    const draft = draftFor(user, { incoming: { host: relay.host, port: relay.port, security: 'tls' } })
    const fingerprint = fingerprintOfFile('privateca')
    const pin = { host: relay.host, port: relay.port, fingerprint }
    const add = (pins: CertificatePin[]) =>
      app.services.accountsService.add({ ...draft, pins }, { incoming: user.password })
    // The first refusal already says the certificate names another host.
    await expect(add([])).rejects.toMatchObject({
      detail: {
        ...untrusted(fingerprint).detail,
        nameMatches: false,
        certificateNames: 'mail.private.test, 127.0.0.6, 127.0.0.1',
      },
    })
    await expect(add([pin])).rejects.toMatchObject({
      code: 'TLS_FAILED',
      detail: { tlsReason: 'wrong-host', fingerprint, nameMatches: false },
    })
    const { account, errors } = await addTrusting(draft, user)
    expect(errors.map((e) => e.detail?.tlsReason)).toEqual(['untrusted'])
    expect(account.pins).toEqual([{ ...pin, allowNameMismatch: true }])
    await app.services.mail.syncAccount(account.id)
  })

  it('cannot make an expired or not yet valid certificate acceptable', async () => {
    const user = createTestUser('privca-dates')
    const { ports, badTls } = mailStack()
    const mark = markLogs()
    const expired = draftFor(user, { incoming: { host: badTls.expired, port: ports.imaps, security: 'tls' } })
    const expiredPin = {
      host: badTls.expired,
      port: ports.imaps,
      fingerprint: fingerprintOfFile('expired'),
      allowNameMismatch: true,
    }
    await expect(
      app.services.accountsService.add({ ...expired, pins: [expiredPin] }, { incoming: user.password }),
    ).rejects.toMatchObject({ code: 'TLS_FAILED', detail: { tlsReason: 'expired', role: 'incoming' } })
    await expectNoDovecotLogin(mark, badTls.expired, user)

    const future = await started(new TlsDecoy('notyetvalid'))
    const draft = draftFor(user, { incoming: { host: '127.0.0.1', port: future.port, security: 'tls' } })
    const fingerprint = fingerprintOfFile('notyetvalid')
    const notYet = {
      code: 'TLS_FAILED',
      detail: { tlsReason: 'not-yet-valid', fingerprint, validFrom: '2099-01-01T00:00:00.000Z' },
    }
    await expect(app.services.accountsService.add(draft, { incoming: user.password })).rejects.toMatchObject(
      notYet,
    )
    const pin = { host: '127.0.0.1', port: future.port, fingerprint }
    await expect(
      app.services.accountsService.add({ ...draft, pins: [pin] }, { incoming: user.password }),
    ).rejects.toMatchObject(notYet)
    expect(future.connections).toBeGreaterThan(0)
    expect(future.received).toBe(0)
  })
})
