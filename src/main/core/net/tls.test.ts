import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { rootCertificates, type PeerCertificate } from 'node:tls'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CertificatePin } from '../../../shared/model/account'
import {
  certificateDetail,
  certificateNamesHost,
  describeCertificate,
  refineTlsReason,
  type PresentedCertificate,
} from './presented-certificate'
import { fingerprintOf, pinnedIdentityCheck, tlsOptionsFor } from './tls'

/** Certificates made by openssl for this test: a self-signed one, and a leaf of a private CA. */
let dir = ''
const pem = (name: string) => readFileSync(join(dir, `${name}.pem`), 'utf8')
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mailroom-tls-'))
  const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' })
  const key = ['-newkey', 'rsa:2048', '-nodes', '-sha256']
  ssl(
    'req',
    '-x509',
    ...key,
    '-days',
    '30',
    '-keyout',
    'self.key',
    '-out',
    'self.pem',
    '-subj',
    '/CN=mail.home.test',
    '-addext',
    'subjectAltName=DNS:mail.home.test',
  )
  ssl(
    'req',
    '-x509',
    ...key,
    '-days',
    '30',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-subj',
    '/CN=Private CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
  )
  ssl('req', ...key, '-keyout', 'leaf.key', '-out', 'leaf.csr', '-subj', '/CN=mail.corp.test/O=Corp')
  writeFileSync(join(dir, 'leaf.ext'), 'subjectAltName=DNS:mail.corp.test,IP:192.0.2.7\n')
  ssl(
    'x509',
    '-req',
    '-in',
    'leaf.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-days',
    '30',
    '-out',
    'leaf.pem',
    '-extfile',
    'leaf.ext',
  )
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('describeCertificate', () => {
  it('names the certificate, and tells a self-signed one from one a CA issued', () => {
    const self = describeCertificate(pem('self'))
    expect(self).toMatchObject({
      subject: 'CN=mail.home.test',
      issuer: 'CN=mail.home.test',
      selfSigned: true,
    })
    const leaf = describeCertificate(pem('leaf'))
    expect(leaf).toMatchObject({
      fingerprint: fingerprintOf(pem('leaf')),
      subject: 'CN=mail.corp.test, O=Corp',
      issuer: 'CN=Private CA',
      commonName: 'mail.corp.test',
      selfSigned: false,
    })
    expect(Date.parse(leaf.validTo) - Date.parse(leaf.validFrom)).toBe(30 * 24 * 3600 * 1000)
    expect(certificateDetail(leaf, '192.0.2.7')).toMatchObject({
      certificateNames: 'mail.corp.test, 192.0.2.7',
      nameMatches: true,
      validTo: leaf.validTo,
    })
  })

  it('checks host names by Node’s rule: alternative names, IP literals against IP names only', () => {
    const leaf = describeCertificate(pem('leaf'))
    expect(certificateNamesHost(leaf, 'mail.corp.test')).toBe(true)
    expect(certificateNamesHost(leaf, 'MAIL.corp.test')).toBe(true)
    expect(certificateNamesHost(leaf, '192.0.2.7')).toBe(true)
    expect(certificateNamesHost(leaf, 'imap.corp.test')).toBe(false)
    expect(certificateNamesHost(leaf, '192.0.2.8')).toBe(false)
  })
})

describe('refineTlsReason', () => {
  const now = Date.parse('2030-06-01T00:00:00Z')
  const cert = (over: Partial<PresentedCertificate>): PresentedCertificate => ({
    fingerprint: 'AA',
    pem: '',
    subject: 'CN=x',
    issuer: 'CN=y',
    validFrom: '2030-01-01T00:00:00.000Z',
    validTo: '2031-01-01T00:00:00.000Z',
    subjectAltName: '',
    commonName: 'x',
    selfSigned: false,
    ...over,
  })
  it('says self-signed only of a certificate that signed itself', () => {
    // OpenSSL's SELF_SIGNED_CERT_IN_CHAIN for a private CA's leaf is mapped to "untrusted" first.
    expect(refineTlsReason('self-signed', cert({}), now)).toBe('untrusted')
    expect(refineTlsReason('untrusted', cert({}), now)).toBe('untrusted')
    expect(refineTlsReason('untrusted', cert({ selfSigned: true }), now)).toBe('self-signed')
    expect(refineTlsReason('wrong-host', cert({}), now)).toBe('wrong-host')
  })
  it('puts the dates first: such a certificate can never be trusted', () => {
    expect(refineTlsReason('untrusted', cert({ validTo: '2030-05-01T00:00:00Z' }), now)).toBe('expired')
    expect(refineTlsReason('self-signed', cert({ validFrom: '2030-07-01T00:00:00Z' }), now)).toBe(
      'not-yet-valid',
    )
  })
})

describe('tlsOptionsFor with certificate exceptions', () => {
  const pinOf = (name: string, over: Partial<CertificatePin> = {}): CertificatePin => ({
    host: 'mail.corp.test',
    port: 993,
    fingerprint: fingerprintOf(pem(name)),
    pem: pem(name),
    ...over,
  })

  it('makes a pinned certificate an anchor for exactly its host and port, on top of the roots', () => {
    const options = tlsOptionsFor('MAIL.corp.test', { extraCa: [] }, { port: 993, pins: [pinOf('leaf')] })
    expect(options.allowPartialTrustChain).toBe(true)
    expect(options.ca).toEqual([...rootCertificates, pem('leaf')])
    expect(options.servername).toBe('MAIL.corp.test')
    for (const other of [
      tlsOptionsFor('mail.corp.test', { extraCa: [] }, { port: 995, pins: [pinOf('leaf')] }),
      tlsOptionsFor('imap.corp.test', { extraCa: [] }, { port: 993, pins: [pinOf('leaf')] }),
    ]) {
      expect(other.ca).toBeUndefined()
      expect(other.allowPartialTrustChain).toBeUndefined()
      expect(other.checkServerIdentity).toBeUndefined()
    }
  })

  it('adds the account’s own CA as a CA: no partial chains, host names checked by Node as ever', () => {
    const options = tlsOptionsFor(
      'mail.corp.test',
      { extraCa: ['EXTRA'] },
      { port: 993, pins: [], accountCa: pem('ca') },
    )
    expect(options.ca).toEqual([...rootCertificates, 'EXTRA', pem('ca')])
    expect(options.allowPartialTrustChain).toBeUndefined()
    expect(options.checkServerIdentity).toBeUndefined()
  })

  it('without a certificate (PEM) a pin adds no anchor and no partial chains', () => {
    const options = tlsOptionsFor(
      'mail.corp.test',
      { extraCa: [] },
      { port: 993, pins: [pinOf('leaf', { pem: undefined })] },
    )
    expect(options.ca).toBeUndefined()
    expect(options.allowPartialTrustChain).toBeUndefined()
  })
})

describe('pinnedIdentityCheck', () => {
  /** The certificate as Node passes it to checkServerIdentity (its chain in issuerCertificate). */
  const peer = (name: string, issuer?: PeerCertificate): PeerCertificate => {
    const d = describeCertificate(pem(name))
    const cert = {
      subject: { CN: d.commonName },
      subjectaltname: d.subjectAltName,
      fingerprint256: d.fingerprint,
    } as unknown as PeerCertificate & { issuerCertificate?: PeerCertificate }
    cert.issuerCertificate = issuer ?? cert
    return cert
  }
  const pin = (name: string, over: Partial<CertificatePin> = {}): CertificatePin => ({
    host: 'h',
    port: 1,
    fingerprint: fingerprintOf(pem(name)),
    ...over,
  })

  it('checks the host name of a pinned certificate unless the pin accepts another name', () => {
    const leaf = peer('leaf', peer('ca'))
    expect(pinnedIdentityCheck([pin('leaf')])('mail.corp.test', leaf)).toBeUndefined()
    expect(pinnedIdentityCheck([pin('leaf')])('imap.corp.test', leaf)).toMatchObject({
      code: 'ERR_TLS_CERT_ALTNAME_INVALID',
    })
    expect(
      pinnedIdentityCheck([pin('leaf', { allowNameMismatch: true })])('imap.corp.test', leaf),
    ).toBeUndefined()
    // Accepting another name is for the pinned certificate only, never for another one.
    const self = peer('self')
    expect(
      pinnedIdentityCheck([pin('leaf', { allowNameMismatch: true })])('imap.corp.test', self),
    ).toMatchObject({
      code: 'ERR_TLS_CERT_ALTNAME_INVALID',
    })
    expect(pinnedIdentityCheck([pin('self')])('mail.home.test', self)).toBeUndefined()
  })

  it('refuses a chain in which a pinned certificate vouches for another one', () => {
    // As BoringSSL would let through: a certificate signed with a pinned certificate's key.
    const signedByPinned = peer('leaf', peer('self'))
    expect(
      pinnedIdentityCheck([pin('self', { allowNameMismatch: true })])('mail.corp.test', signedByPinned),
    ).toMatchObject({
      code: 'ERR_TLS_PIN_USED_AS_ISSUER',
    })
  })
})
