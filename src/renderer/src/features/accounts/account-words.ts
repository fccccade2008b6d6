import type { AppErrorData, AppErrorDetail } from '../../../../shared/errors'
import type { DiscoveryPhase, DiscoverySourceKind } from '../../../../shared/model/discovery'
import { errorText } from '../../lib/error-text'

/** Where a found setting came from, in words. */
export const SOURCE_TEXT: Record<DiscoverySourceKind, string> = {
  'config-file': 'from your provider’s config file',
  ispdb: 'from the Thunderbird ISP database',
  mx: 'from your mail provider’s config (found through your domain’s MX record)',
  'dns-srv': 'from your domain’s DNS SRV records',
  guess: 'guessed and verified',
}

export const PHASE_TEXT: Record<DiscoveryPhase, string> = {
  'config-file': 'Looking for your provider’s config file…',
  ispdb: 'Asking the ISP database…',
  mx: 'Looking up who handles your domain’s mail…',
  'dns-srv': 'Checking DNS SRV records…',
  guess: 'Trying common server names…',
  done: 'Done.',
}

export interface AccountErrorText {
  title: string
  /** What the person can do next. */
  action: string
  /** True when pinning the certificate is a sensible way forward. */
  canTrustCertificate: boolean
}

const ROLE_TEXT: Record<string, string> = { incoming: 'incoming', outgoing: 'outgoing' }

/**
 * Verification errors in words, with a way forward. Builds on the general table
 * (lib/error-text.ts) and adds what the accounts feature knows: which server, which reason.
 */
export function accountErrorText(error: AppErrorData): AccountErrorText {
  const d = error.detail ?? {}
  const server = d.role ? `The ${ROLE_TEXT[String(d.role)] ?? ''} server` : 'The server'
  const at = d.host ? ` (${String(d.host)}${d.port ? `:${String(d.port)}` : ''})` : ''
  const base = errorText(error)
  const make = (title: string, action: string, canTrustCertificate = false) => ({
    title,
    action,
    canTrustCertificate,
  })
  switch (error.code) {
    case 'AUTH_FAILED':
      return d.reason === 'no-password'
        ? make('No password is saved for this account.', 'Enter the password and save again.')
        : make(
            `${server} did not accept the user name or password.`,
            'Check the password (it is case-sensitive) and the user name in the server settings.',
          )
    case 'CONNECTION_FAILED':
      if (d.reason === 'host-not-found') {
        return make(`${server} could not be found${at}.`, 'Check the server name for typos.')
      }
      if (d.reason === 'refused') {
        return make(
          `${server} refused the connection${at}.`,
          'Check the port and the connection security; the server may not offer this combination.',
        )
      }
      return make(`Could not connect to ${server.toLowerCase()}${at}.`, base.action)
    case 'TIMEOUT':
      return make(
        `${server} did not answer in time${at}.`,
        'Check the server name and port. A firewall may block this port; try again later.',
      )
    case 'TLS_FAILED':
      return tlsText(d, server, at, make)
    case 'SERVER_REJECTED':
      if (d.reason === 'no-password-login') {
        return make(
          `${server} offers no way to log in with a password.`,
          'Check the server settings with your provider.',
        )
      }
      return make(`${server} refused the request.`, base.action)
    default:
      return make(base.title, base.action)
  }
}

function tlsText(
  d: AppErrorDetail,
  server: string,
  at: string,
  make: (title: string, action: string, trust?: boolean) => AccountErrorText,
): AccountErrorText {
  const compare =
    'If this is your own server, compare the fingerprint below with the one its administrator gives you; if they match, you can trust this certificate for this server.'
  const names = typeof d.certificateNames === 'string' && d.certificateNames ? d.certificateNames : undefined
  // A certificate that is refused for its issuer may name another server too: say so before the
  // person trusts it (the exception then accepts that name, docs/architecture.md).
  const otherName =
    d.nameMatches === false && names
      ? ` It is also issued for ${names}, not ${String(d.host ?? 'this server')}: trusting it accepts that name too.`
      : ''
  switch (d.tlsReason) {
    case 'self-signed':
      return make(
        `${server}${at} uses a self-signed certificate: no certificate authority vouches for it.`,
        compare + otherName,
        true,
      )
    case 'untrusted':
      return make(
        `${server}${at} has a certificate issued by an authority this computer does not trust${
          typeof d.issuer === 'string' && d.issuer ? ` (${d.issuer})` : ''
        }.`,
        'Your organization may run its own certificate authority. ' + compare + otherName,
        true,
      )
    case 'wrong-host':
      return make(
        `${server}’s certificate is for ${names ?? 'a different name'}, not ${String(d.host ?? 'the name entered')}.`,
        'Check the server name: your provider may use another one. ' + compare,
        true,
      )
    case 'expired':
      return make(
        `${server}’s certificate has expired${typeof d.validTo === 'string' ? ` (on ${day(d.validTo)})` : ''}${at}.`,
        'Ask your provider to renew it. An expired certificate cannot be trusted.',
      )
    case 'not-yet-valid':
      return make(
        `${server}’s certificate is not valid yet${typeof d.validFrom === 'string' ? ` (from ${day(d.validFrom)})` : ''}${at}.`,
        'Check this computer’s date and time; if they are right, ask your provider. A certificate outside its validity period cannot be trusted.',
      )
    case 'no-starttls':
      return make(
        `${server}${at} does not offer encryption (STARTTLS), so your password would travel unprotected.`,
        'Choose SSL/TLS (usually port 993 for IMAP, 995 for POP3, 465 for sending), or ask your provider.',
      )
    default:
      return make(
        `No secure connection could be made with ${server.toLowerCase()}${at}.`,
        'Check the port and the connection security setting.',
      )
  }
}

/** A certificate date (ISO 8601 from main) as a day in the person's own format. */
export function day(iso: string): string {
  const t = Date.parse(iso)
  return Number.isNaN(t)
    ? iso
    : new Date(t).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' })
}
