/**
 * Who really sent a message (issue 20 item 3): the account's own receiving server's
 * Authentication-Results when it adds them (RFC 8601; only its authserv-id is believed), else a
 * check made here with mailauth. The spoofing warnings (spoof-warnings.ts) are drawn from the same look.
 */
import { Resolver } from 'node:dns/promises'
import type { Mailbox, MailboxRole, MessageView } from '../../../shared/model/mail'
import type { SenderAuth, SenderCheck } from '../../../shared/model/sender-auth'
import type { Db } from '../store/database'
import { summarize } from './auth-summary'
import { createAuthservStore, type AuthservSetting } from './authserv-store'
import { domainOf } from './domains'
import { headerFields, ownServerResults, topmostAuthservId, type HeaderField } from './header-fields'
import { learnAuthservId } from './learn-authserv'
import { verifyLocally, type DNSResolver } from './local-verify'

/** What the service needs of the mail store (MailService satisfies it). */
export interface SenderAuthMail {
  getMessage(messageId: string): Promise<MessageView>
  getRawMessage(messageId: string, maxBytes: number): Promise<Uint8Array>
  findMailboxByRole(accountId: string, role: MailboxRole): Mailbox | null
}

/** What else is known when warning about a message (spoof-warnings.ts); none by default. */
export type WarningSource = (input: {
  view: MessageView
  auth: SenderAuth
  fields: readonly HeaderField[]
}) => SenderCheck['warnings']

export interface SenderAuthServiceOptions {
  db: Db
  mail: SenderAuthMail
  /** DNS for local checks (mailauth's resolver shape); tests answer from a table. */
  resolver?: DNSResolver
  warnings?: WarningSource
}

export interface SenderAuthService {
  check(messageId: string): Promise<SenderCheck>
  /** The person's setting; null returns the account to learning from its mail. */
  setAuthservId(accountId: string, authservId: string | null): void
  authservFor(accountId: string): AuthservSetting | null
}

/** Messages larger than this are not checked (DKIM hashes the whole body). */
const MAX_CHECK_BYTES = 16 * 1024 * 1024
/** Checked messages kept (by id) so that reopening one asks DNS nothing. */
const CACHE_SIZE = 200

/** Node's resolver, each lookup bounded (mailauth waits for every answer). */
export function systemResolver(): DNSResolver {
  const r = new Resolver({ timeout: 3000, tries: 2 })
  return (name, rrtype) => r.resolve(name, rrtype) as Promise<string[][] | string[]>
}

const unchecked = (why: string): SenderAuth => ({
  source: 'unchecked',
  authservId: null,
  verdict: 'none',
  alignedDomain: null,
  fromDomain: null,
  methods: [],
  uncheckedWhy: why,
})

export function createSenderAuthService(opts: SenderAuthServiceOptions): SenderAuthService {
  const store = createAuthservStore(opts.db)
  const resolver = opts.resolver ?? systemResolver()
  const cache = new Map<string, SenderCheck>()
  /**
   * The receiving server's authserv-id: the person's setting, else learned from what the Inbox
   * messages opened so far carried on top (no extra downloads: they were read to be shown).
   */
  function authservId(accountId: string): string | null {
    const known = store.get(accountId)
    if (known) return known.authservId
    const id = learnAuthservId(store.samples(accountId))
    if (id) {
      store.setLearned(accountId, id)
      // Results computed before were local: from now on the server's word counts.
      cache.clear()
    }
    return id
  }

  async function authenticate(view: MessageView, raw: Buffer, fields: HeaderField[]): Promise<SenderAuth> {
    const fromDomain = domainOf(view.summary.from[0]?.address)
    const id = authservId(view.summary.accountId)
    if (id) {
      const own = ownServerResults(fields, id)
      // The topmost of our server's fields is its last word (a later hop of our own site).
      if (own[0]) return summarize(own[0].results, fromDomain, 'server', id)
    }
    try {
      return summarize(await verifyLocally(raw, fields, resolver), fromDomain, 'local', null)
    } catch (err) {
      console.warn('[sender-auth] local check failed', err)
      return { ...unchecked('The message could not be checked.'), fromDomain }
    }
  }

  async function check(messageId: string): Promise<SenderCheck> {
    const hit = cache.get(messageId)
    if (hit) return hit
    const view = await opts.mail.getMessage(messageId)
    const { accountId, mailboxId } = view.summary
    // What we sent or are writing is ours: nothing to verify.
    const own = (['sent', 'drafts'] as const).some(
      (role) => opts.mail.findMailboxByRole(accountId, role)?.id === mailboxId,
    )
    if (own) return { auth: unchecked('A message of yours.'), warnings: [] }
    if (view.summary.size > MAX_CHECK_BYTES) {
      return { auth: unchecked('The message is too large to check.'), warnings: [] }
    }
    const raw = Buffer.from(await opts.mail.getRawMessage(messageId, MAX_CHECK_BYTES))
    const fields = headerFields(raw)
    if (opts.mail.findMailboxByRole(accountId, 'inbox')?.id === mailboxId) {
      try {
        store.addSample(accountId, messageId, {
          topId: topmostAuthservId(fields),
          fromAddress: view.summary.from[0]?.address ?? null,
        })
      } catch (err) {
        // Learning is a help, never a reason the check fails (the account may be going away).
        console.warn('[sender-auth] could not keep a sample', err)
      }
    }
    const auth = await authenticate(view, raw, fields)
    const result: SenderCheck = { auth, warnings: opts.warnings?.({ view, auth, fields }) ?? [] }
    cache.set(messageId, result)
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!)
    return result
  }

  return {
    check,
    setAuthservId(accountId, id) {
      store.setByPerson(accountId, id)
      cache.clear()
    },
    authservFor: (accountId) => store.get(accountId),
  }
}
