import { X509Certificate } from 'node:crypto'
import { z } from 'zod'
import { AppError } from '../../../shared/errors'
import { addressKey } from '../../../shared/mail/addresses'
import { isValidEmailAddress, isValidHostname } from '../../../shared/validation'

/**
 * What the person may send for an account, checked in one place: by ipc/register.ts for calls
 * from the renderer and again by the accounts service for anyone else. A failure names the
 * field (draft.incoming.port) and nothing is saved.
 */

const noLineBreaks = (s: string) => !/[\r\n\0]/.test(s)
/** Strings that become protocol lines or headers never carry CR, LF or NUL. */
const line = (max: number) =>
  z.string().max(max).refine(noLineBreaks, { message: 'must not contain line breaks' })

export const hostSchema = line(253).refine(isValidHostname, { message: 'must be a host name (no spaces)' })
export const portSchema = z.number().int().min(1).max(65535)
export const emailAddressSchema = line(254).refine(isValidEmailAddress, {
  message: 'must be an email address',
})

const server = {
  host: hostSchema,
  port: portSchema,
  security: z.enum(['tls', 'starttls', 'none']),
  username: line(320).min(1),
  authMethod: z.enum(['auto', 'plain', 'login']),
}

export const incomingSchema = z.strictObject({ ...server, protocol: z.enum(['imap', 'pop3']) })
export const outgoingSchema = z.strictObject(server)

const identitySchema = z.strictObject({
  id: line(100).min(1).optional(),
  // The name goes into the From header: no CR/LF (header injection, RFC 5322 §2.2).
  name: line(200),
  address: emailAddressSchema,
  // A signature is body text and may span lines; NUL never belongs in a message.
  signature: z
    .string()
    .max(10_000)
    .refine((s) => !s.includes('\0'), { message: 'must not contain NUL' })
    .optional(),
})

/**
 * An account's identities: one address once (compared as addressKey does: the domain without
 * regard to case), one id once. The failing entry is named, e.g. draft.identities.1.address.
 */
const identitiesSchema = z
  .array(identitySchema)
  .min(1, { message: 'must have at least one identity' })
  .max(50)
  .superRefine((identities, ctx) => {
    const addresses = new Map<string, number>()
    const ids = new Set<string>()
    identities.forEach((identity, i) => {
      const key = addressKey(identity.address)
      const earlier = addresses.get(key)
      if (earlier !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'address'],
          message: `is the same address as identity ${earlier + 1}`,
        })
      }
      addresses.set(key, earlier ?? i)
      if (identity.id !== undefined) {
        if (ids.has(identity.id)) {
          ctx.addIssue({ code: 'custom', path: [i, 'id'], message: 'is used by another identity' })
        }
        ids.add(identity.id)
      }
    })
  })

const pop3Schema = z.strictObject({
  leaveOnServer: z.boolean(),
  deleteAfterDays: z.number().int().min(1).max(3650).nullable(),
  deleteOnServerWhenDeletedLocally: z.boolean(),
  checkEveryMinutes: z.number().int().min(1).max(1440),
  checkAtStart: z.boolean(),
})

/** A certificate exception as the renderer sends it: the fingerprint the person saw and accepted. */
const pinSchema = z.strictObject({
  host: hostSchema,
  port: portSchema,
  fingerprint: z
    .string()
    .regex(/^([0-9A-Fa-f]{2}:){31}[0-9A-Fa-f]{2}$/, { message: 'must be a SHA-256 fingerprint' }),
  allowNameMismatch: z.boolean().optional(),
})

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+?-----END CERTIFICATE-----/g

/**
 * The certificate blocks of a PEM text, when every one is a CA certificate (basicConstraints
 * CA:TRUE); null otherwise. Text around the blocks (a bundle's comments) is dropped.
 */
export function caCertificates(pem: string): string[] | null {
  const blocks = pem.match(PEM_CERTIFICATE) ?? []
  if (blocks.length === 0 || blocks.length > 20) return null
  try {
    return blocks.every((b) => new X509Certificate(b).ca) ? blocks : null
  } catch {
    return null
  }
}

/** An account's own certificate authority: kept as its certificate blocks only. */
const trustedCaSchema = z
  .string()
  .max(256 * 1024)
  .transform((pem, ctx) => {
    const blocks = caCertificates(pem)
    if (blocks) return blocks.join('\n')
    ctx.addIssue({ code: 'custom', message: 'must be one or more CA certificates in PEM form' })
    return z.NEVER
  })

/** An issuer URL (RFC 8414 §2: https, no query or fragment; http only on loopback, see auth/http.ts). */
const issuerSchema = line(500).refine(
  (s) => {
    try {
      const u = new URL(s)
      return (u.protocol === 'https:' || u.protocol === 'http:') && u.search === '' && u.hash === ''
    } catch {
      return false
    }
  },
  { message: 'must be an issuer URL' },
)
const scopeSchema = z.string().regex(/^[\x21\x23-\x5B\x5D-\x7E]{1,200}$/, { message: 'must be a scope' })

/** OAuth 2.0 instead of passwords: a known provider, or an OpenID issuer with the app's client id. */
export const oauthAuthSchema = z.union([
  z.strictObject({
    kind: z.literal('oauth2'),
    provider: z.enum(['google', 'microsoft', 'yahoo', 'aol', 'fastmail']),
  }),
  z.strictObject({
    kind: z.literal('oauth2'),
    issuer: issuerSchema,
    clientId: line(300).min(1),
    scopes: z.array(scopeSchema).max(20).optional(),
  }),
])

export const accountDraftSchema = z.strictObject({
  displayName: line(200).min(1),
  address: emailAddressSchema,
  incoming: incomingSchema,
  outgoing: outgoingSchema,
  identities: identitiesSchema,
  pop3: pop3Schema.optional(),
  pins: z.array(pinSchema).max(20).optional(),
  trustedCa: trustedCaSchema.optional(),
  auth: oauthAuthSchema.optional(),
})

const password = z
  .string()
  .min(1, { message: 'must not be empty' })
  .max(1024)
  .refine(noLineBreaks, { message: 'must not contain line breaks' })

export const passwordsSchema = z.strictObject({ incoming: password, outgoing: password.optional() })
export const signInIdSchema = line(100).min(1)
export const oauthCredentialsSchema = z.strictObject({ signInId: signInIdSchema })
/** A new account's credentials: passwords, or a finished OAuth sign-in. */
export const credentialsSchema = z.union([passwordsSchema, oauthCredentialsSchema])
export const signInRequestSchema = z.union([
  z.strictObject({
    auth: oauthAuthSchema,
    address: emailAddressSchema,
    protocol: z.enum(['imap', 'pop3']),
  }),
  z.strictObject({ accountId: line(100).min(1) }),
])
export const passwordChangesSchema = z.strictObject({
  incoming: password.optional(),
  outgoing: password.optional(),
})
export const discoveryIdSchema = line(100).min(1)
export const accountIdSchema = line(100).min(1)

/** Parses `value`, or throws INVALID_INPUT naming the field as "<name>.<path>". */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown, name: string): T {
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  const field = [name, ...(issue?.path ?? []).map(String)].join('.')
  throw new AppError('INVALID_INPUT', `Invalid ${field}: ${issue?.message ?? 'invalid value'}`, {
    retryable: false,
    detail: { field },
  })
}
