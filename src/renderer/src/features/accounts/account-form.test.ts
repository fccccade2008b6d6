import { describe, expect, it } from 'vitest'
import type { AppErrorDetail, ErrorReason } from '../../../../shared/errors'
import type { Account } from '../../../../shared/model/account'
import {
  formFieldOf,
  formFromAccount,
  formProblems,
  manualForm,
  newForm,
  toDraft,
  toPasswords,
  withAddress,
  withDefaultName,
} from './account-form'
import { accountErrorText } from './account-words'

const account: Account = {
  id: 'a1',
  displayName: 'Work',
  address: 'jo@example.com',
  incoming: {
    protocol: 'imap',
    host: 'imap.example.com',
    port: 993,
    security: 'tls',
    username: 'jo',
    authMethod: 'auto',
  },
  outgoing: {
    host: 'smtp.example.com',
    port: 587,
    security: 'starttls',
    username: 'jo',
    authMethod: 'plain',
  },
  identities: [
    { id: 'i1', name: 'Jo', address: 'jo@example.com' },
    { id: 'i2', name: 'Jo (alias)', address: 'alias@example.com' },
  ],
  pins: [{ host: 'imap.example.com', port: 993, fingerprint: 'AA' }],
  createdAt: 1,
}

describe('account form', () => {
  it('round-trips an account into a draft, keeping identities and pins', () => {
    const { id: _id, createdAt: _c, ...draft } = account
    expect(toDraft(formFromAccount(account))).toEqual(draft)
  })

  it('sends a second password only when the outgoing server has its own', () => {
    const form = { ...manualForm('Jo', 'jo@example.com', 'a'), outgoingPassword: 'b' }
    expect(toPasswords(form)).toEqual({ incoming: 'a' })
    expect(toPasswords({ ...form, separateOutgoingPassword: true })).toEqual({ incoming: 'a', outgoing: 'b' })
  })

  it('finds bad fields before main does', () => {
    const form = manualForm('Jo', 'jo@example.com', '')
    form.incoming.host = 'imap example.com'
    form.outgoing.port = '0'
    expect(formProblems(form, true)).toEqual({
      password: 'Enter your password.',
      'incoming.host': 'Enter a server name without spaces.',
      'outgoing.port': 'Enter a port between 1 and 65535.',
    })
    expect(formProblems(manualForm('', 'jo@example.com', ''), false)).toEqual({})
  })

  it('maps the fields main names to form fields', () => {
    expect(formFieldOf('draft.incoming.port')).toBe('incoming.port')
    expect(formFieldOf('passwords.incoming')).toBe('password')
    expect(formFieldOf('passwords.outgoing')).toBe('outgoingPassword')
    expect(formFieldOf('draft.identities.1.address')).toBe('identities.1.address')
    expect(formFieldOf('draft.identities')).toBe('identities')
  })
})

describe('identities in the form', () => {
  it('the default identity follows the account address until it is given its own', () => {
    let form = withDefaultName(newForm('', '', ''), 'Jo')
    form = withAddress(withAddress(form, 'jo@'), 'jo@example.com')
    expect(toDraft(form).identities).toEqual([{ name: 'Jo', address: 'jo@example.com' }])
    form.identities[0]!.address = 'me@example.com'
    form = withAddress(form, 'jo@example.org')
    expect(form.identities.map((i) => i.address)).toEqual(['me@example.com'])
  })

  it('finds bad and repeated identity addresses', () => {
    const form = formFromAccount(account)
    form.identities[1]!.address = 'Jo@Example.COM'
    expect(formProblems(form, false)).toEqual({
      'identities.1.address': 'Identity 1 already uses this address.',
    })
    form.identities[1]!.address = 'jo at example'
    expect(Object.keys(formProblems(form, false))).toEqual(['identities.1.address'])
  })
})

describe('verification errors in words', () => {
  const tls = (tlsReason: string) =>
    accountErrorText({
      code: 'TLS_FAILED',
      message: '',
      retryable: false,
      detail: { tlsReason: tlsReason as never, role: 'outgoing' },
    })
  it('offers to trust a certificate only where that can make sense', () => {
    expect(tls('self-signed').canTrustCertificate).toBe(true)
    expect(tls('untrusted').canTrustCertificate).toBe(true)
    expect(tls('wrong-host').canTrustCertificate).toBe(true)
    expect(tls('expired').canTrustCertificate).toBe(false)
    expect(tls('not-yet-valid').canTrustCertificate).toBe(false)
    expect(tls('no-starttls')).toMatchObject({
      canTrustCertificate: false,
      title: expect.stringMatching(/outgoing server/) as string,
    })
  })
  it('tells a private CA’s certificate from a self-signed one, and says what else is wrong with it', () => {
    const text = (detail: AppErrorDetail) =>
      accountErrorText({
        code: 'TLS_FAILED',
        message: '',
        retryable: false,
        detail: { role: 'incoming', host: '10.0.0.5', port: 993, ...detail },
      })
    const issued = text({ tlsReason: 'untrusted', issuer: 'CN=Corp CA', nameMatches: true })
    expect(issued.title).toBe(
      'The incoming server (10.0.0.5:993) has a certificate issued by an authority this computer does not trust (CN=Corp CA).',
    )
    expect(`${issued.title} ${issued.action}`).not.toMatch(/self-signed/)
    expect(text({ tlsReason: 'self-signed' }).title).toMatch(/self-signed certificate/)
    // The certificate also names another server: said before the person trusts it.
    const elsewhere = text({ tlsReason: 'untrusted', nameMatches: false, certificateNames: 'mail.corp.test' })
    expect(elsewhere.action).toMatch(/also issued for mail\.corp\.test, not 10\.0\.0\.5/)
    expect(text({ tlsReason: 'wrong-host', certificateNames: 'a.test, b.test' }).title).toBe(
      'The incoming server’s certificate is for a.test, b.test, not 10.0.0.5.',
    )
    expect(text({ tlsReason: 'expired', validTo: '2020-01-01T00:00:00.000Z' }).title).toMatch(
      /has expired \(on .*2020\)/,
    )
    expect(text({ tlsReason: 'not-yet-valid', validFrom: '2099-01-01T00:00:00.000Z' }).action).toMatch(
      /date and time/,
    )
  })

  it('names the server and the way forward for each connection failure', () => {
    const text = (reason: ErrorReason) =>
      accountErrorText({
        code: 'CONNECTION_FAILED',
        message: '',
        retryable: true,
        detail: { reason, role: 'incoming', host: 'imap.x', port: 993 },
      })
    expect(text('host-not-found')).toMatchObject({
      title: 'The incoming server could not be found (imap.x:993).',
    })
    expect(text('refused').action).toMatch(/port/)
  })
})

describe('POP3 options in the form', () => {
  it('start from Thunderbird’s defaults, reach the draft only for POP3, and are checked', () => {
    const form = newForm('Ann', 'ann@example.test', 'pw')
    expect(form.pop3).toEqual({
      leaveOnServer: true,
      deleteAfterDays: null,
      deleteOnServerWhenDeletedLocally: false,
      checkEveryMinutes: 10,
      checkAtStart: true,
    })
    form.incoming.host = 'mail.example.test'
    form.outgoing.host = 'mail.example.test'
    expect(toDraft(form).pop3).toBeUndefined()
    const pop = { ...form, incoming: { ...form.incoming, protocol: 'pop3' as const } }
    pop.pop3 = { ...pop.pop3, deleteAfterDays: 30 }
    expect(toDraft(pop).pop3).toMatchObject({ deleteAfterDays: 30, leaveOnServer: true })
    expect(formProblems(pop, true)).toEqual({})
    pop.pop3 = { ...pop.pop3, checkEveryMinutes: 0, deleteAfterDays: Number.NaN }
    expect(Object.keys(formProblems(pop, true)).sort()).toEqual([
      'pop3.checkEveryMinutes',
      'pop3.deleteAfterDays',
    ])
  })
})
