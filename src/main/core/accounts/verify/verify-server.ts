import type { ConnectionOptions } from 'node:tls'
import { AppError } from '../../../../shared/errors'
import type {
  CertificatePin,
  IncomingSettings,
  OutgoingSettings,
  ServerRole,
} from '../../../../shared/model/account'
import { presentedCertificateOf } from '../../net/connect'
import {
  chooseAuthMethod,
  probeServer,
  type ProbeProtocol,
  type ProbeResult,
} from '../../net/probe/server-probe'
import { normalizeFingerprint, pinsFor, tlsOptionsFor, type TlsTrust } from '../../net/tls'
import { isBearer, noOAuthMechanism, type LoginSecret } from '../../sasl/oauth-sasl'
import { verifyImapLogin } from './imap-login'
import { verifyPop3Login } from './pop3-login'
import { verifySmtpLogin } from './smtp-login'

export interface VerifyContext {
  trust: TlsTrust
  /** Per connection step (connect, greeting, each reply). */
  timeoutMs: number
}

export interface ServerVerified {
  /** SASL mechanisms the server offered after TLS. */
  authMethods: string[]
  /** The account's pins, with the certificate filled into those this server matched. */
  pins: CertificatePin[]
}

/**
 * Proves one server works with these settings and password, before anything is saved:
 * 1. a probe connects as the client will (implicit TLS, or required STARTTLS) and reads what the
 *    server offers: host not found, refused, timeout, TLS failure (with the certificate's
 *    fingerprint and why), STARTTLS not offered each fail here with their own typed error;
 * 2. the protocol library logs in: a rejected login is AUTH_FAILED with the server's words.
 * Every error carries detail.role and detail.protocol.
 */
export async function verifyServer(
  role: ServerRole,
  settings: IncomingSettings | OutgoingSettings,
  password: LoginSecret,
  pins: readonly CertificatePin[],
  ctx: VerifyContext,
  accountCa?: string,
): Promise<ServerVerified> {
  const protocol: ProbeProtocol = role === 'outgoing' ? 'smtp' : (settings as IncomingSettings).protocol
  const tag = (err: unknown) => withRole(err, role, protocol)
  let current = [...pins]
  const tlsFor = () =>
    tlsOptionsFor(settings.host, ctx.trust, { port: settings.port, pins: current, accountCa })
  let probe: ProbeResult
  try {
    probe = await probeServer({ protocol, ...settings }, { tls: tlsFor(), timeoutMs: ctx.timeoutMs })
  } catch (err) {
    // A pin the person just made carries only the fingerprint: when the server presents exactly
    // that certificate, keep it (so a self-signed one can be its own trust anchor) and retry.
    const presented = presentedCertificateOf(err)
    const pin = presented
      ? pinsFor(current, settings.host, settings.port).find(
          (p) =>
            !p.pem && normalizeFingerprint(p.fingerprint) === normalizeFingerprint(presented.fingerprint),
        )
      : undefined
    if (!pin || !presented) throw tag(err)
    current = current.map((p) => (p === pin ? { ...p, pem: presented.pem } : p))
    probe = await probeServer({ protocol, ...settings }, { tls: tlsFor(), timeoutMs: ctx.timeoutMs }).catch(
      (e: unknown) => {
        throw tag(e)
      },
    )
  }
  if (isBearer(password)) {
    // An OAuth account needs OAUTHBEARER or XOAUTH2 (RFC 7628); without either, no token helps.
    if (!probe.mechanisms.some((m) => m === 'OAUTHBEARER' || m === 'XOAUTH2')) {
      throw tag(noOAuthMechanism(protocol.toUpperCase()))
    }
  } else if (chooseAuthMethod(protocol, probe) === null) {
    throw tag(
      new AppError('SERVER_REJECTED', `${settings.host} offers no password login`, {
        retryable: false,
        detail: { reason: 'no-password-login', serverResponse: probe.capabilities.join(' ').slice(0, 500) },
      }),
    )
  }
  try {
    await login(protocol, settings, password, tlsFor(), ctx.timeoutMs)
  } catch (err) {
    throw tag(err)
  }
  return { authMethods: probe.mechanisms, pins: current }
}

function login(
  protocol: ProbeProtocol,
  settings: IncomingSettings | OutgoingSettings,
  password: LoginSecret,
  tls: ConnectionOptions,
  timeoutMs: number,
): Promise<void> {
  if (protocol === 'smtp') return verifySmtpLogin(settings, password, tls, timeoutMs)
  if (protocol === 'imap') return verifyImapLogin(settings as IncomingSettings, password, tls, timeoutMs)
  return verifyPop3Login(settings as IncomingSettings, password, tls, timeoutMs)
}

function withRole(err: unknown, role: ServerRole, protocol: ProbeProtocol): AppError {
  const e = AppError.from(err, { message: 'Verification failed unexpectedly' })
  return new AppError(e.code, e.message, {
    cause: e.cause ?? err,
    retryable: e.retryable,
    detail: { ...e.detail, role, protocol },
  })
}
