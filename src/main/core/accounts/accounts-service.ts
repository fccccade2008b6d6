import { randomUUID } from 'node:crypto'
import { AppError } from '../../../shared/errors'
import { storageFailure, toErrorData } from '../store/storage-errors'
import type {
  Account,
  AccountDraft,
  CertificatePin,
  Identity,
  IncomingSettings,
  ServerRole,
} from '../../../shared/model/account'
import type { ServerCheck } from '../../../shared/model/discovery'
import { discoverSettings } from '../autoconfig/discover'
import type { ResolvedDiscoveryOptions } from '../autoconfig/discovery-options'
import type { EventBus } from '../events'
import { normalizeFingerprint, type TlsTrust } from '../net/tls'
import type { SecretStore } from '../secrets/secret-store'
import {
  accountDraftSchema,
  accountIdSchema,
  discoveryIdSchema,
  emailAddressSchema,
  parseInput,
  credentialsSchema,
  signInIdSchema,
  signInRequestSchema,
  passwordChangesSchema,
} from './account-input'
import type { AccountOAuth } from './account-oauth'
import { bearer, type LoginSecret } from '../sasl/oauth-sasl'
import { accountSecretKeys, secretKey } from './account-secrets'
import type { AccountStore } from './account-store'
import type { AccountsService } from './accounts-service-api'
import { verifyServer, type ServerVerified } from './verify/verify-server'

export interface AccountsServiceDeps {
  store: AccountStore
  secrets: SecretStore
  events: EventBus
  trust: TlsTrust
  discovery: ResolvedDiscoveryOptions
  /** Per connection step while verifying. */
  verifyTimeoutMs: number
  /** OAuth 2.0 sign-ins and tokens; without it, accounts use passwords only. */
  oauth?: AccountOAuth
}

const ROLES: readonly ServerRole[] = ['incoming', 'outgoing']

export function createAccountsService(deps: AccountsServiceDeps): AccountsService {
  const discoveries = new Map<string, AbortController>()
  const ctx = { trust: deps.trust, timeoutMs: deps.verifyTimeoutMs }

  const verify = (role: ServerRole, draft: AccountDraft, password: LoginSecret, pins: CertificatePin[]) =>
    verifyServer(role, draft[role], password, pins, ctx, draft.trustedCa)

  async function verifyBoth(
    draft: AccountDraft,
    passwords: Record<ServerRole, LoginSecret | undefined>,
    pins: CertificatePin[],
  ) {
    const roles = ROLES.filter((r) => passwords[r] !== undefined)
    const settled = await Promise.allSettled(roles.map((r) => verify(r, draft, passwords[r]!, pins)))
    const results: Partial<Record<ServerRole, ServerVerified>> = {}
    for (const [i, outcome] of settled.entries()) {
      if (outcome.status === 'rejected') throw outcome.reason
      results[roles[i]!] = outcome.value
    }
    return mergePins(pins, Object.values(results))
  }

  async function storePasswords(accountId: string, passwords: Partial<Record<ServerRole, string>>) {
    const written: string[] = []
    try {
      for (const role of ROLES) {
        const secret = passwords[role]
        if (secret === undefined) continue
        await deps.secrets.set(secretKey(accountId, role), secret)
        written.push(secretKey(accountId, role))
      }
    } catch (err) {
      await Promise.allSettled(written.map((k) => deps.secrets.delete(k)))
      throw err
    }
  }

  const changed = (accountId: string) => deps.events.emit('accounts:changed', { accountId })

  return {
    // The renderer gets fingerprints only: certificates stay in main (AccountSource has them).
    list: () =>
      deps.store.list().map((a) => {
        const listed = withoutCertificates(a)
        if (a.auth && deps.oauth?.tokens.needsSignIn(a.id)) listed.needsSignIn = true
        return listed
      }),

    async discover(discoveryId, address) {
      parseInput(discoveryIdSchema, discoveryId, 'discoveryId')
      parseInput(emailAddressSchema, address, 'address')
      discoveries.get(discoveryId)?.abort()
      const controller = new AbortController()
      discoveries.set(discoveryId, controller)
      try {
        return await discoverSettings(address, {
          trust: deps.trust,
          options: deps.discovery,
          signal: controller.signal,
          onProgress: (phase, done, total) =>
            deps.events.emit('sync:progress', {
              accountId: discoveryId,
              phase: `discover:${phase}`,
              done,
              total,
            }),
        })
      } finally {
        if (discoveries.get(discoveryId) === controller) discoveries.delete(discoveryId)
      }
    },

    cancelDiscovery(discoveryId) {
      discoveries.get(discoveryId)?.abort()
    },

    async signIn(rawId, rawRequest) {
      const signInId = parseInput(signInIdSchema, rawId, 'signInId')
      const request = parseInput(signInRequestSchema, rawRequest, 'request')
      await oauth().signIn(signInId, request)
    },

    cancelSignIn(signInId) {
      deps.oauth?.cancelSignIn(signInId)
    },

    async test(rawDraft, rawPasswords) {
      const draft = parseInput(accountDraftSchema, rawDraft, 'draft')
      const given = newCredentials(draft, rawPasswords)
      const check = async (role: ServerRole): Promise<ServerCheck> => {
        const password = given[role]
        try {
          const verified = await verify(role, draft, password, draft.pins ?? [])
          return { ok: true, authMethods: verified.authMethods }
        } catch (err) {
          return { ok: false, error: toErrorData(err) }
        }
      }
      const [incoming, outgoing] = await Promise.all([check('incoming'), check('outgoing')])
      return { incoming, outgoing }
    },

    async add(rawDraft, rawPasswords) {
      const draft = parseInput(accountDraftSchema, rawDraft, 'draft')
      const passwords = newCredentials(draft, rawPasswords)
      const pins = await verifyBoth(draft, passwords, draft.pins ?? [])
      const account = toAccount(randomUUID(), draft, pins, Date.now(), [])
      if (draft.auth) {
        // The sign-in's tokens become the account's: refresh token to the keychain, access in memory.
        const signInId = (rawPasswords as { signInId: string }).signInId
        await deps.oauth!.tokens.signedIn(account.id, deps.oauth!.takeSignIn(signInId))
        deps.oauth!.dropSignIn(signInId)
      } else {
        await storePasswords(account.id, passwords as Record<ServerRole, string>)
      }
      try {
        deps.store.insert(account)
      } catch (err) {
        await Promise.allSettled(accountSecretKeys(account.id).map((k) => deps.secrets.delete(k)))
        throw (
          storageFailure(err) ??
          new AppError('STORAGE_FAILED', 'The account could not be saved', { cause: err })
        )
      }
      changed(account.id)
      return withoutCertificates(account)
    },

    async update(rawId, rawDraft, rawPasswords) {
      const accountId = parseInput(accountIdSchema, rawId, 'accountId')
      const draft = parseInput(accountDraftSchema, rawDraft, 'draft')
      const changes = parseInput(passwordChangesSchema, rawPasswords, 'passwords')
      const existing = deps.store.get(accountId)
      if (!existing) {
        throw new AppError('ACCOUNT_NOT_FOUND', `No account ${accountId}`, { detail: { field: 'accountId' } })
      }
      // Keep the certificates of pins that are already saved (the rest of the pin is as given).
      const pins = (draft.pins ?? []).map((p) => {
        const pem = existing.pins.find((e) => samePin(e, p))?.pem
        return pem ? { ...p, pem } : p
      })
      if (JSON.stringify(draft.auth ?? null) !== JSON.stringify(existing.auth ?? null)) {
        throw new AppError('INVALID_INPUT', 'How an account signs in cannot change; add it again instead', {
          retryable: false,
          detail: { field: 'draft.auth' },
        })
      }
      if (existing.auth && (changes.incoming !== undefined || changes.outgoing !== undefined)) {
        throw new AppError('INVALID_INPUT', 'This account signs in with its provider, not a password', {
          retryable: false,
          detail: { field: 'passwords' },
        })
      }
      const toVerify: Record<ServerRole, LoginSecret | undefined> = {
        incoming: undefined,
        outgoing: undefined,
      }
      for (const role of ROLES) {
        const pinsChanged =
          JSON.stringify(pinsOf(pins, draft, role)) !== JSON.stringify(pinsOf(existing.pins, existing, role))
        const settingsChanged =
          !sameServer(draft[role], existing[role]) || (draft.trustedCa ?? '') !== (existing.trustedCa ?? '')
        if (changes[role] === undefined && !settingsChanged && !pinsChanged) continue
        toVerify[role] = existing.auth
          ? bearer(await oauth().tokens.accessToken(accountId))
          : (changes[role] ?? (await storedPassword(accountId, role)))
      }
      const verifiedPins = await verifyBoth(draft, toVerify, pins)
      const account = toAccount(accountId, draft, verifiedPins, existing.createdAt, existing.identities)
      await storePasswords(accountId, changes)
      deps.store.update(account)
      changed(accountId)
      return withoutCertificates(account)
    },

    async remove(rawId) {
      const accountId = parseInput(accountIdSchema, rawId, 'accountId')
      if (!deps.store.remove(accountId)) {
        throw new AppError('ACCOUNT_NOT_FOUND', `No account ${accountId}`, { detail: { field: 'accountId' } })
      }
      const deleted = await Promise.allSettled([
        ...accountSecretKeys(accountId).map((k) => deps.secrets.delete(k)),
        // The access token in memory too (the refresh token is among the keychain entries).
        ...(deps.oauth ? [deps.oauth.tokens.forget(accountId)] : []),
      ])
      changed(accountId)
      const failed = deleted.find((d) => d.status === 'rejected')
      if (failed) throw failed.reason
    },
  }

  function oauth(): AccountOAuth {
    if (deps.oauth) return deps.oauth
    throw new AppError('INTERNAL', 'OAuth sign-in is not available here')
  }

  /**
   * A new account's credentials for both servers: its passwords (the outgoing server uses the
   * incoming one's unless given), or for an OAuth account the access token of its sign-in.
   */
  function newCredentials(draft: AccountDraft, raw: unknown): Record<ServerRole, LoginSecret> {
    const given = parseInput(credentialsSchema, raw, 'passwords')
    if (draft.auth) {
      if (!('signInId' in given)) {
        throw new AppError('INVALID_INPUT', 'An OAuth account needs a sign-in, not a password', {
          detail: { field: 'passwords.signInId' },
        })
      }
      const token = bearer(oauth().takeSignIn(given.signInId).accessToken)
      return { incoming: token, outgoing: token }
    }
    if ('signInId' in given) {
      throw new AppError('INVALID_INPUT', 'This account logs in with a password', {
        detail: { field: 'passwords.incoming' },
      })
    }
    return { incoming: given.incoming, outgoing: given.outgoing ?? given.incoming }
  }

  async function storedPassword(accountId: string, role: ServerRole): Promise<string> {
    const secret = await deps.secrets.get(secretKey(accountId, role))
    if (secret === null) {
      throw new AppError('AUTH_FAILED', 'No password is stored for this account', {
        retryable: false,
        detail: { reason: 'no-password', role, field: `passwords.${role}` },
      })
    }
    return secret
  }
}

function withoutCertificates(account: Account): Account {
  return { ...account, pins: account.pins.map(({ pem: _pem, ...pin }) => pin) }
}

function toAccount(
  id: string,
  draft: AccountDraft,
  pins: CertificatePin[],
  createdAt: number,
  saved: readonly Identity[],
): Account {
  // An identity keeps its id only if the account already has it (drafts refer to it); any
  // other, new or made up, gets a fresh one.
  const known = new Set(saved.map((i) => i.id))
  const account: Account = {
    id,
    displayName: draft.displayName,
    address: draft.address,
    incoming: draft.incoming,
    outgoing: draft.outgoing,
    identities: draft.identities.map((i) => ({ ...i, id: i.id && known.has(i.id) ? i.id : randomUUID() })),
    pins,
    createdAt,
  }
  if (draft.pop3 && draft.incoming.protocol === 'pop3') account.pop3 = draft.pop3
  if (draft.trustedCa) account.trustedCa = draft.trustedCa
  if (draft.auth) account.auth = draft.auth
  return account
}

/** Field by field: JSON of the two would depend on the order the keys were written in. */
const SERVER_KEYS = ['host', 'port', 'security', 'username', 'authMethod', 'protocol'] as const
const sameServer = (a: Partial<IncomingSettings>, b: Partial<IncomingSettings>) =>
  SERVER_KEYS.every((k) => a[k] === b[k])

const samePin = (a: CertificatePin, b: CertificatePin) =>
  a.host.toLowerCase() === b.host.toLowerCase() &&
  a.port === b.port &&
  normalizeFingerprint(a.fingerprint) === normalizeFingerprint(b.fingerprint)

function pinsOf(pins: readonly CertificatePin[], draft: Pick<AccountDraft, ServerRole>, role: ServerRole) {
  return pins
    .filter((p) => p.host.toLowerCase() === draft[role].host.toLowerCase() && p.port === draft[role].port)
    .map((p) => `${normalizeFingerprint(p.fingerprint)}${p.allowNameMismatch === true ? ' any-name' : ''}`)
}

/** The pins as given, each with the certificate a verification found for it. */
function mergePins(pins: readonly CertificatePin[], results: readonly ServerVerified[]): CertificatePin[] {
  return pins.map((p) => {
    const found = results.flatMap((r) => r.pins).find((r) => samePin(r, p) && r.pem)
    return found ? { ...p, pem: found.pem } : p
  })
}
