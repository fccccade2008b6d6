import { X509Certificate } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDraftStore } from '../../src/main/core/drafts/draft-store'
import { createDraftSync } from '../../src/main/core/drafts/draft-sync'
import { createEventBus } from '../../src/main/core/events'
import type { Account, AccountDraft } from '../../src/shared/model/account'
import { draftFor } from '../helpers/account-drafts'
import { createTestUser, mailStack, type TestUser } from '../servers/mail-env'
import { addAccount, settled, stackAccount, startSendingApp, type SendingApp } from './helpers/sending'
import {
  BAD_CERTIFICATES,
  certificatePem,
  expectNoDovecotLogin,
  expectNoPostfixAuth,
  fingerprintOfFile,
  markLogs,
  type BadCertificate,
} from './helpers/tls-cases'

/**
 * Hostile networks, against the real Dovecot and Postfix: servers that present a self-signed, an
 * expired, a wrong-host certificate or one issued by a private CA nothing trusts, and servers that
 * do not offer STARTTLS. Every way the app
 * connects refuses them with TLS_FAILED and its reason: account verification, and the protocol
 * services that connect later (IMAP sync, POP3 retrieval, SMTP sending, the Drafts copy). The
 * servers' own logs show that no password was ever sent. (Certificate exceptions: tls-pins.test.ts.)
 */
let app: SendingApp
let n = 0

beforeAll(async () => {
  app = await startSendingApp()
  app.services.outbox.setSettings({ undoSeconds: 0 })
})
afterAll(async () => {
  await app?.close()
})

type Role = 'incoming' | 'outgoing'
const tlsFailure = (reason: string, role: Role, fingerprint?: string) => ({
  code: 'TLS_FAILED',
  detail: { tlsReason: reason, role, ...(fingerprint ? { fingerprint } : {}) },
})

/** An account saved with these servers, as if their certificate went bad after it was added. */
async function savedAccount(user: TestUser, draft: AccountDraft): Promise<Account> {
  const id = `tls-${++n}`
  const account = stackAccount(id, user, { incoming: draft.incoming, outgoing: draft.outgoing })
  await addAccount(app.services, account, user.password)
  return account
}

/** Queues a message from the account and waits for the outbox to settle it. */
async function sendFrom(account: Account, to: string) {
  const { compose } = app.services
  const draft = compose.createDraft(account.id, null)
  const item = await compose.sendDraft({ ...draft, to, subject: 'TLS matrix', html: '<p>hello</p>' })
  return settled(app.services, item.id)
}

/** Copies a local draft to the server's Drafts folder now (the composer's close does this). */
async function flushDraft(account: Account): Promise<void> {
  const { compose, accountSource, trust, db } = app.services
  const draft = compose.createDraft(account.id, null)
  compose.saveDraft({ ...draft, subject: 'draft copy' })
  const sync = createDraftSync({
    drafts: createDraftStore(db),
    accounts: accountSource,
    trust,
    events: createEventBus(),
  })
  try {
    await sync.flush(draft.id)
  } finally {
    await sync.stop()
  }
}

describe.each(Object.keys(BAD_CERTIFICATES) as BadCertificate[])('a server with a %s certificate', (kind) => {
  const { file, reason, postfix, issuer } = BAD_CERTIFICATES[kind]
  const host = () => mailStack().badTls[kind]

  it('fails verification for IMAP, POP3 and SMTP, each way, with the reason and the fingerprint', async () => {
    const user = createTestUser('tls')
    const fingerprint = fingerprintOfFile(file)
    // The error names the certificate: whom it is issued to and by, when it is valid, its names.
    const cert = new X509Certificate(certificatePem(file))
    const named = {
      subject: cert.subject,
      issuer,
      validFrom: new Date(cert.validFrom).toISOString(),
      validTo: new Date(cert.validTo).toISOString(),
      certificateNames: cert.subjectAltName?.replace(/IP Address:|DNS:/g, ''),
      // The expired certificate is also issued for other names than 127.0.0.3.
      nameMatches: kind === 'selfSigned' || kind === 'privateCa',
    }
    const { ports } = mailStack()
    const mark = markLogs()
    for (const [protocol, port, security, smtpPort] of [
      ['imap', ports.imaps, 'tls', ports.submissions],
      ['imap', ports.imap, 'starttls', ports.submission],
      ['pop3', ports.pop3s, 'tls', ports.submissions],
      ['pop3', ports.pop3, 'starttls', ports.submission],
    ] as const) {
      const draft = draftFor(user, {
        incoming: { protocol, host: host(), port, security },
        outgoing: { host: host(), port: smtpPort, security },
      })
      const report = await app.services.accountsService.test(draft, { incoming: user.password })
      expect(report.incoming).toMatchObject({ ok: false, error: tlsFailure(reason, 'incoming', fingerprint) })
      expect(report.outgoing).toMatchObject({ ok: false, error: tlsFailure(reason, 'outgoing', fingerprint) })
      expect(report.incoming).toMatchObject({ error: { detail: named } })
      expect(report.outgoing).toMatchObject({ error: { detail: named } })
    }
    await expectNoDovecotLogin(mark, host(), user)
    await expectNoPostfixAuth(mark, `submission-${postfix}`, user)
    await expectNoPostfixAuth(mark, `submissions-${postfix}`, user)
  })

  it('refuses it later too (IMAP sync, the Drafts copy, SMTP sending, POP3), naming the certificate', async () => {
    const user = createTestUser('tls')
    const recipient = createTestUser('tls-to')
    const { ports } = mailStack()
    const mark = markLogs()
    const imap = await savedAccount(
      user,
      draftFor(user, {
        incoming: { host: host(), port: ports.imaps, security: 'tls' },
        outgoing: { host: host(), port: ports.submission, security: 'starttls' },
      }),
    )
    // Each names the certificate it refused (its SHA-256 fingerprint, as the file's own) and the
    // server, so the UI can offer to trust exactly that certificate for exactly that server.
    const fingerprint = fingerprintOfFile(file)
    const refusedBy = (port: number) => ({
      code: 'TLS_FAILED',
      detail: { tlsReason: reason, fingerprint, host: host(), port },
    })
    await expect(app.services.mail.syncAccount(imap.id)).rejects.toMatchObject(refusedBy(ports.imaps))
    await expect(flushDraft(imap)).rejects.toMatchObject(refusedBy(ports.imaps))
    await expect(app.services.compose.getSubmissionInfo(imap.id)).rejects.toMatchObject(
      refusedBy(ports.submission),
    )
    const item = await sendFrom(imap, recipient.address)
    expect(item).toMatchObject({ state: 'failed', lastError: refusedBy(ports.submission) })

    const pop3 = await savedAccount(
      user,
      draftFor(user, {
        incoming: { protocol: 'pop3', host: host(), port: ports.pop3, security: 'starttls' },
        outgoing: { host: host(), port: ports.submissions, security: 'tls' },
      }),
    )
    await expect(app.services.pop3.checkNow(pop3.id)).rejects.toMatchObject(refusedBy(ports.pop3))
    const imapStarttls = await savedAccount(
      user,
      draftFor(user, {
        incoming: { host: host(), port: ports.imap, security: 'starttls' },
        outgoing: { host: host(), port: ports.submissions, security: 'tls' },
      }),
    )
    await expect(app.services.mail.syncAccount(imapStarttls.id)).rejects.toMatchObject(refusedBy(ports.imap))
    expect((await sendFrom(pop3, recipient.address)).lastError).toMatchObject(refusedBy(ports.submissions))

    await expectNoDovecotLogin(mark, host(), user)
    await expectNoPostfixAuth(mark, `submission-${postfix}`, user)
    await expectNoPostfixAuth(mark, `submissions-${postfix}`, user)
  })
})

describe('a server that does not offer STARTTLS', () => {
  const host = () => mailStack().badTls.noStarttls
  const noStarttls = (role: Role) => ({ code: 'TLS_FAILED', detail: { tlsReason: 'no-starttls', role } })

  it('fails verification for IMAP, POP3 and SMTP and never falls back to plain text', async () => {
    const user = createTestUser('nostarttls')
    const { ports } = mailStack()
    const mark = markLogs()
    for (const [protocol, port] of [
      ['imap', ports.imap],
      ['pop3', ports.pop3],
    ] as const) {
      const draft = draftFor(user, {
        incoming: { protocol, host: host(), port, security: 'starttls' },
        outgoing: { host: host(), port: ports.submission, security: 'starttls' },
      })
      const report = await app.services.accountsService.test(draft, { incoming: user.password })
      expect(report.incoming).toMatchObject({ ok: false, error: noStarttls('incoming') })
      expect(report.outgoing).toMatchObject({ ok: false, error: noStarttls('outgoing') })
    }
    await expectNoDovecotLogin(mark, host(), user)
    await expectNoPostfixAuth(mark, 'submission-nostarttls', user)
  })

  it('refuses it later too: IMAP sync, the Drafts copy, SMTP sending and POP3 retrieval', async () => {
    const user = createTestUser('nostarttls')
    const recipient = createTestUser('tls-to')
    const { ports } = mailStack()
    const mark = markLogs()
    const refused = { code: 'TLS_FAILED', detail: { tlsReason: 'no-starttls' } }
    const outgoing = { host: host(), port: ports.submission, security: 'starttls' } as const
    const imap = await savedAccount(
      user,
      draftFor(user, { incoming: { host: host(), port: ports.imap, security: 'starttls' }, outgoing }),
    )
    await expect(app.services.mail.syncAccount(imap.id)).rejects.toMatchObject(refused)
    await expect(flushDraft(imap)).rejects.toMatchObject(refused)
    await expect(app.services.compose.getSubmissionInfo(imap.id)).rejects.toMatchObject(refused)
    expect(await sendFrom(imap, recipient.address)).toMatchObject({ state: 'failed', lastError: refused })
    const pop3 = await savedAccount(
      user,
      draftFor(user, {
        incoming: { protocol: 'pop3', host: host(), port: ports.pop3, security: 'starttls' },
        outgoing,
      }),
    )
    await expect(app.services.pop3.checkNow(pop3.id)).rejects.toMatchObject(refused)
    await expectNoDovecotLogin(mark, host(), user)
    await expectNoPostfixAuth(mark, 'submission-nostarttls', user)
  })
})
