import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import keytar from 'keytar'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMailApi } from '../../src/main/api/mail-api'
import { secretKey } from '../../src/main/core/accounts/account-secrets'
import { fingerprintOf } from '../../src/main/core/net/tls'
import { openSecretStore } from '../../src/main/core/secrets/keytar-secret-store'
import { invokeMailMethod } from '../../src/main/ipc/register'
import { createServices, type Services } from '../../src/main/services'
import type { MailEvents } from '../../src/shared/ipc/contract'
import { draftFor } from '../helpers/account-drafts'
import { countFiles, findSecrets } from '../helpers/secret-scan'
import { createTestUser, mailStack, testCa, type TestUser } from '../servers/mail-env'

/** The accounts service against the real Dovecot, Postfix and gnome-keyring, with a real store. */
const KEYCHAIN = `mailroom-accounts-test-${randomBytes(4).toString('hex')}`
const dataDir = mkdtempSync(join(tmpdir(), 'mailroom-accounts-'))
const passwordsUsed: string[] = []
let services: Services
const events: { name: string; payload: unknown }[] = []

async function start(): Promise<Services> {
  const s = createServices({
    appName: 'Mailroom',
    version: '0.0.0-test',
    dataDir,
    platform: process.platform,
    secrets: await openSecretStore(KEYCHAIN),
    extraCa: [testCa()],
    verifyTimeoutMs: 5000,
  })
  s.events.onAny((name, payload) => events.push({ name, payload }))
  return s
}

function user(prefix = 'acct'): TestUser {
  const u = createTestUser(prefix)
  passwordsUsed.push(u.password)
  return u
}

const keychainEntries = async () => (await keytar.findCredentials(KEYCHAIN)).map((c) => c.account).sort()
const dovecotLog = () => readFileSync(join(mailStack().logDir, 'dovecot.log'), 'utf8')

beforeAll(async () => {
  services = await start()
})
afterAll(async () => {
  await services?.close()
  for (const c of await keytar.findCredentials(KEYCHAIN)) await keytar.deletePassword(KEYCHAIN, c.account)
  rmSync(dataDir, { recursive: true, force: true })
})

describe('adding an account', () => {
  it('refuses a wrong password with the server’s words and saves nothing', async () => {
    const u = user()
    const wrong = `wrong-${randomBytes(6).toString('hex')}`
    passwordsUsed.push(wrong)
    await expect(services.accountsService.add(draftFor(u), { incoming: wrong })).rejects.toMatchObject({
      code: 'AUTH_FAILED',
      detail: {
        role: 'incoming',
        protocol: 'imap',
        reason: 'login-rejected',
        serverResponse: expect.stringMatching(/AUTHENTICATIONFAILED/) as string,
      },
    })
    await expect(
      services.accountsService.add(draftFor(u), { incoming: u.password, outgoing: wrong }),
    ).rejects.toMatchObject({
      code: 'AUTH_FAILED',
      detail: { role: 'outgoing', protocol: 'smtp', serverResponse: expect.stringMatching(/^535/) as string },
    })
    expect(services.accountsService.list()).toEqual([])
    expect(await keychainEntries()).toEqual([])
  })

  it('verifies both servers, keeps the passwords in the keychain only, and survives a restart', async () => {
    const u = user()
    const account = await services.accountsService.add(
      draftFor(u, { incoming: { security: 'starttls', port: mailStack().ports.imap } }),
      { incoming: u.password },
    )
    expect(account).toMatchObject({
      address: u.address,
      identities: [{ name: 'Test User', address: u.address }],
    })
    expect(account.identities[0]?.id).toEqual(expect.any(String))
    expect(JSON.stringify(account)).not.toContain(u.password)
    expect(events).toContainEqual({ name: 'accounts:changed', payload: { accountId: account.id } })
    expect(await keytar.getPassword(KEYCHAIN, secretKey(account.id, 'incoming'))).toBe(u.password)
    expect(await keytar.getPassword(KEYCHAIN, secretKey(account.id, 'outgoing'))).toBe(u.password)
    await services.close()
    services = await start()
    expect(services.accountsService.list()).toEqual([account])
    expect(await services.accountSource.password(account.id, 'outgoing')).toBe(u.password)
  })
})

describe('POP3 accounts', () => {
  const pop3 = {
    leaveOnServer: true,
    deleteAfterDays: 14,
    deleteOnServerWhenDeletedLocally: true,
    checkEveryMinutes: 10,
    checkAtStart: true,
  }
  it('logs in to POP3 over TLS and STLS, and keeps the POP3 options', async () => {
    const u = user('pop')
    const { ports } = mailStack()
    for (const [port, security] of [
      [ports.pop3s, 'tls'],
      [ports.pop3, 'starttls'],
    ] as const) {
      const draft = { ...draftFor(u, { incoming: { protocol: 'pop3', port, security } }), pop3 }
      const account = await services.accountsService.add(draft, { incoming: u.password })
      expect(account).toMatchObject({ incoming: { protocol: 'pop3', port }, pop3 })
      await services.accountsService.remove(account.id)
    }
  })

  it('refuses a wrong POP3 password with the server’s words, and a POP3 server without STLS', async () => {
    const u = user('pop')
    const { ports, badTls } = mailStack()
    const wrong = `wrong-${randomBytes(6).toString('hex')}`
    passwordsUsed.push(wrong)
    const report = await services.accountsService.test(
      draftFor(u, { incoming: { protocol: 'pop3', port: ports.pop3s } }),
      { incoming: wrong },
    )
    expect(report.incoming).toMatchObject({
      ok: false,
      error: {
        code: 'AUTH_FAILED',
        detail: { role: 'incoming', protocol: 'pop3', serverResponse: expect.any(String) as string },
      },
    })
    const noStls = await services.accountsService.test(
      draftFor(u, {
        incoming: { protocol: 'pop3', host: badTls.noStarttls, port: ports.pop3, security: 'starttls' },
      }),
      { incoming: u.password },
    )
    expect(noStls.incoming).toMatchObject({
      ok: false,
      error: { code: 'TLS_FAILED', detail: { tlsReason: 'no-starttls' } },
    })
  })
})

describe('verification failures, each with its own typed error', () => {
  let silent: Server
  let silentPort = 0
  let closedPort = 0
  const sockets = new Set<Socket>()
  beforeAll(async () => {
    silent = createServer((s) => sockets.add(s))
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r))
    silentPort = (silent.address() as { port: number }).port
    const closed = createServer()
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r))
    closedPort = (closed.address() as { port: number }).port
    await new Promise((r) => closed.close(r))
  })
  afterAll(async () => {
    sockets.forEach((s) => s.destroy())
    await new Promise((r) => silent.close(r))
  })

  const failsWith = async (draft: ReturnType<typeof draftFor>, password: string, expected: object) => {
    const report = await services.accountsService.test(draft, { incoming: password })
    expect(report.incoming).toMatchObject({ ok: false, error: expected })
  }

  it('host not found, connection refused, timeout', async () => {
    const u = user()
    await failsWith(draftFor(u, { incoming: { host: 'no-such-host.invalid' } }), u.password, {
      code: 'CONNECTION_FAILED',
      detail: { reason: 'host-not-found', role: 'incoming' },
    })
    await failsWith(draftFor(u, { incoming: { port: closedPort } }), u.password, {
      code: 'CONNECTION_FAILED',
      detail: { reason: 'refused' },
    })
    const slowDir = mkdtempSync(join(tmpdir(), 'mailroom-accounts-slow-'))
    const slow = createServices({
      appName: 'Mailroom',
      version: '0',
      dataDir: slowDir,
      platform: process.platform,
      secrets: services.secrets,
      extraCa: [testCa()],
      verifyTimeoutMs: 300,
    })
    const report = await slow.accountsService.test(draftFor(u, { incoming: { port: silentPort } }), {
      incoming: u.password,
    })
    expect(report.incoming).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } })
    // Postfix offers what Dovecot's auth service has: passwords and OAuth 2.0 bearer tokens.
    expect(report.outgoing).toEqual({ ok: true, authMethods: ['PLAIN', 'LOGIN', 'OAUTHBEARER', 'XOAUTH2'] })
    await slow.close()
    rmSync(slowDir, { recursive: true, force: true })
  })

  it.each([
    ['selfSigned', 'selfsigned', 'self-signed'],
    ['expired', 'expired', 'expired'],
    ['wrongHost', 'wronghost', 'wrong-host'],
  ] as const)('TLS failure (%s) with the certificate’s fingerprint', async (which, file, reason) => {
    const u = user()
    const fingerprint = fingerprintOf(readFileSync(join(mailStack().tlsDir, `${file}.pem`), 'utf8'))
    await failsWith(draftFor(u, { incoming: { host: mailStack().badTls[which] } }), u.password, {
      code: 'TLS_FAILED',
      detail: { tlsReason: reason, fingerprint, role: 'incoming' },
    })
  })

  it('STARTTLS not offered: fails, and never sends the password in plain text', async () => {
    const u = user('nostarttls')
    const { badTls, ports } = mailStack()
    const draft = draftFor(u, {
      incoming: { host: badTls.noStarttls, port: ports.imap, security: 'starttls' },
      outgoing: { host: badTls.noStarttls, port: ports.submission, security: 'starttls' },
    })
    const logBefore = dovecotLog().length
    const report = await services.accountsService.test(draft, { incoming: u.password })
    for (const role of ['incoming', 'outgoing'] as const) {
      expect(report[role]).toMatchObject({
        ok: false,
        error: { code: 'TLS_FAILED', detail: { tlsReason: 'no-starttls' } },
      })
    }
    // Dovecot logs every authentication attempt (auth_verbose): there was none.
    expect(dovecotLog().slice(logBefore)).not.toContain(u.address)
  })

  it('an explicit exception pins that one certificate for that server only', async () => {
    const u = user()
    const { badTls, ports } = mailStack()
    const draft = draftFor(u, { incoming: { host: badTls.selfSigned } })
    const failure = await services.accountsService
      .add(draft, { incoming: u.password })
      .catch((e: unknown) => e)
    const fingerprint = (failure as { detail: { fingerprint: string } }).detail.fingerprint
    const pin = { host: badTls.selfSigned, port: ports.imaps, fingerprint }
    // The same exception does not cover the outgoing server on the same host.
    const bothPinned = draftFor(u, {
      incoming: { host: badTls.selfSigned },
      outgoing: { host: badTls.selfSigned },
    })
    await expect(
      services.accountsService.add({ ...bothPinned, pins: [pin] }, { incoming: u.password }),
    ).rejects.toMatchObject({ code: 'TLS_FAILED', detail: { role: 'outgoing', tlsReason: 'self-signed' } })
    const account = await services.accountsService.add({ ...draft, pins: [pin] }, { incoming: u.password })
    expect(account.pins).toEqual([pin])
    // Main keeps the certificate itself, so the protocol services can connect later.
    expect(services.accounts.get(account.id)?.pins[0]?.pem).toContain('BEGIN CERTIFICATE')
    await services.accountsService.remove(account.id)
  })
})

describe('changing and removing', () => {
  it('re-verifies a changed password, keeps the old one when the new one is wrong', async () => {
    const u = user()
    const account = await services.accountsService.add(draftFor(u), { incoming: u.password })
    const { id: _id, createdAt: _c, ...draft } = account
    const wrong = `wrong-${randomBytes(6).toString('hex')}`
    passwordsUsed.push(wrong)
    await expect(
      services.accountsService.update(account.id, draft, { incoming: wrong }),
    ).rejects.toMatchObject({
      code: 'AUTH_FAILED',
    })
    expect(await services.accountSource.password(account.id, 'incoming')).toBe(u.password)
    const renamed = await services.accountsService.update(
      account.id,
      { ...draft, displayName: 'Renamed' },
      {},
    )
    expect(renamed.displayName).toBe('Renamed')
    // A changed server is verified with the stored password.
    await expect(
      services.accountsService.update(account.id, { ...draft, incoming: { ...draft.incoming, port: 1 } }, {}),
    ).rejects.toMatchObject({ code: 'CONNECTION_FAILED' })
    expect(services.accounts.get(account.id)?.displayName).toBe('Renamed')
  })

  it('removes the account and its keychain entries, and tells features to purge its data', async () => {
    const u = user()
    const account = await services.accountsService.add(draftFor(u), { incoming: u.password })
    // Running services hear of the removal on the bus (the database already deleted its rows).
    const purged: string[] = []
    const off = services.events.on('accounts:changed', ({ accountId }) => void purged.push(accountId))
    await services.accountsService.remove(account.id)
    off()
    expect(purged).toEqual([account.id])
    expect(services.accountsService.list().map((a) => a.id)).not.toContain(account.id)
    expect(await keychainEntries()).not.toContain(secretKey(account.id, 'incoming'))
    expect(await keychainEntries()).not.toContain(secretKey(account.id, 'outgoing'))
    await expect(services.accountsService.remove(account.id)).rejects.toMatchObject({
      code: 'ACCOUNT_NOT_FOUND',
      detail: { field: 'accountId' },
    })
  })
})

describe('bad input through the IPC layer', () => {
  const api = () => createMailApi(services)
  const u = { address: 'bad-input@example.test', password: 'pw' }
  const base = draftFor(u)
  it.each([
    ['a malformed address', [{ ...base, address: 'not-an-address' }, { incoming: 'x' }], 'draft.address'],
    [
      'a host with spaces',
      [draftFor(u, { incoming: { host: 'imap example.test' } }), { incoming: 'x' }],
      'draft.incoming.host',
    ],
    [
      'a host with CR/LF',
      [draftFor(u, { outgoing: { host: 'smtp.example.test\r\nX' } }), { incoming: 'x' }],
      'draft.outgoing.host',
    ],
    ['port 0', [draftFor(u, { incoming: { port: 0 } }), { incoming: 'x' }], 'draft.incoming.port'],
    ['port 65536', [draftFor(u, { outgoing: { port: 65536 } }), { incoming: 'x' }], 'draft.outgoing.port'],
    ['an empty password', [base, { incoming: '' }], 'passwords.incoming'],
    [
      'an unknown security value',
      [draftFor(u, { incoming: { security: 'ssl' as never } }), { incoming: 'x' }],
      'draft.incoming.security',
    ],
    ['no identity', [{ ...base, identities: [] }, { incoming: 'x' }], 'draft.identities'],
  ])('refuses %s naming the field, and saves nothing', async (_name, args, field) => {
    const before = services.accountsService.list().length
    const result = await invokeMailMethod(api(), 'addAccount', args)
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', detail: { field } } })
    // The service checks too, for callers that do not come through IPC.
    await expect(services.accountsService.add(...(args as [never, never]))).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      detail: { field },
    })
    expect(services.accountsService.list()).toHaveLength(before)
  })
})

describe('discovery through the service', () => {
  it('reports progress as sync:progress events and can be cancelled by id', async () => {
    const progress = () =>
      events
        .filter((e) => e.name === 'sync:progress')
        .map((e) => e.payload as MailEvents['sync:progress'])
        .filter((p) => p.accountId === 'd1')
    const pending = services.accountsService.discover('d1', 'someone@example.invalid')
    await expect.poll(() => progress().length).toBeGreaterThan(0)
    services.accountsService.cancelDiscovery('d1')
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' })
    expect(progress()[0]).toMatchObject({ phase: 'discover:config-file', done: 0, total: 5 })
  })
})

describe('passwords never reach the user-data folder', () => {
  it('finds none of the test passwords in any file', async () => {
    await services.close()
    expect(countFiles(dataDir)).toBeGreaterThan(0)
    expect(passwordsUsed.length).toBeGreaterThan(5)
    expect(findSecrets(dataDir, passwordsUsed)).toEqual([])
    services = await start()
  })
})
