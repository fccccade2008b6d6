/**
 * Logging in to an SMTP submission server with an OAuth 2.0 access token (RFC 7628 over SMTP AUTH,
 * RFC 4954): OAUTHBEARER or XOAUTH2, as a nodemailer `customAuth` handler. nodemailer's own XOAUTH2
 * knows one mechanism only, does not read the server's error payload, and on a refusal sends the
 * same token again; here the app's token manager decides whether to refresh and try once more.
 */
import type SMTPConnection from 'nodemailer/lib/smtp-connection'
import {
  chooseOAuthMechanism,
  decodeOAuthSaslError,
  noOAuthMechanism,
  OAUTH_ERROR_ANSWER,
  oauthInitialResponse,
  type BearerToken,
  type OAuthMechanism,
  type OAuthSaslError,
} from '../sasl/oauth-sasl'

/** RFC 4954 §4: an AUTH command line may be up to 12288 octets; longer, the response waits for "334". */
const MAX_AUTH_LINE = 12288

/** The SASL mechanisms of the EHLO reply's AUTH keyword (RFC 4954 §3), upper case. */
export function ehloMechanisms(ehloResponse: string): Set<string> {
  const out = new Set<string>()
  for (const raw of ehloResponse.split(/\r?\n/)) {
    const line = raw.replace(/^\d{3}[- ]/, '').trim()
    const m = /^AUTH[ =](.*)$/i.exec(line)
    if (m?.[1]) for (const mech of m[1].split(/\s+/)) if (mech) out.add(mech.toUpperCase())
  }
  return out
}

/**
 * The nodemailer auth method (a customAuth name) for this server's best OAuth mechanism, or
 * AUTH_FAILED (no-oauth-mechanism) when it takes no token.
 */
export function smtpOAuthMethod(ehloResponse: string, token: BearerToken): string {
  const mechanism = chooseOAuthMechanism(ehloMechanisms(ehloResponse), token.mechanism)
  if (!mechanism) throw noOAuthMechanism('submission', token.mechanism)
  return OAUTH_AUTH_METHOD[mechanism]
}

/** A refused token: nodemailer turns it into an EAUTH error with the last reply; mapSmtpError reads `oauth`. */
export class SmtpOAuthRefusal extends Error {
  constructor(readonly oauth: { oauthError: OAuthSaslError | undefined }) {
    super('The server refused the access token')
    this.name = 'SmtpOAuthRefusal'
  }
}

interface OAuthAuthOptions {
  accessToken: string
  host: string
  port: number
}

/**
 * nodemailer `customAuth` handlers for both mechanisms (auth.options carries the token), under
 * names of their own: nodemailer replaces a requested "XOAUTH2" by another mechanism unless it is
 * given its own token generator, so the handlers must not be looked up by the SASL names.
 */
export const OAUTH_AUTH_METHOD: Readonly<Record<OAuthMechanism, string>> = {
  OAUTHBEARER: 'MAILROOM-OAUTHBEARER',
  XOAUTH2: 'MAILROOM-XOAUTH2',
}
export const oauthCustomAuth: SMTPConnection.CustomAuthenticationHandlers = {
  [OAUTH_AUTH_METHOD.OAUTHBEARER]: (ctx) => authenticate('OAUTHBEARER', ctx),
  [OAUTH_AUTH_METHOD.XOAUTH2]: (ctx) => authenticate('XOAUTH2', ctx),
}

async function authenticate(
  mechanism: OAuthMechanism,
  ctx: SMTPConnection.CustomAuthenticationContext,
): Promise<void> {
  const options = ctx.auth.options as OAuthAuthOptions | undefined
  if (!options?.accessToken) throw new SmtpOAuthRefusal({ oauthError: undefined })
  const response = oauthInitialResponse(mechanism, {
    user: ctx.auth.user ?? '',
    accessToken: options.accessToken,
    host: options.host,
    port: options.port,
  })
  const line = `AUTH ${mechanism} ${response}`
  let reply = await (line.length + 2 <= MAX_AUTH_LINE
    ? ctx.sendCommand(line)
    : ctx.sendCommand(`AUTH ${mechanism}`).then((r) => (r.status === 334 ? ctx.sendCommand(response) : r)))
  let oauthError: OAuthSaslError | undefined
  if (reply.status === 334) {
    // RFC 7628 §3.2.2: the refusal comes as a challenge first; answer it, then 535 follows.
    oauthError = decodeOAuthSaslError(reply.text)
    reply = await ctx.sendCommand(OAUTH_ERROR_ANSWER[mechanism])
  }
  if (reply.status !== 235) throw new SmtpOAuthRefusal({ oauthError })
}
