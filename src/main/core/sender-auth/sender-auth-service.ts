/**
 * Who really sent a message (issue 20 item 3): the account's own receiving server's
 * Authentication-Results when it adds them (RFC 8601; only its authserv-id is believed), else a
 * check made here with mailauth. The spoofing warnings (spoof-warnings.ts) are drawn from the same look.
 */
import { Resolver } from 'node:dns/promises'
import type { Mailbox, MailboxRole, MessagePage, MessageView } from '../../../shared/model/mail'
import type { SenderAuth, SenderCheck } from '../../../shared/model/sender-auth'
import type { Db } from '../store/database'
import { summarize } from './auth-summary'
import { createAuthservStore, type AuthservSetting } from './authserv-store'
import { domainOf } from './domains'
import { headerFields, ownServerResults, topmostAuthservId, type HeaderField } from './header-fields'
import { learnAuthservId, type InboxSample } from './learn-authserv'
import { verifyLocally, type DNSResolver } from './local-verify'

/** What the service needs of the mail store (MailService satisfies it). */
export interface SenderAuthMail {
  getMessage(messageId: string): Promise<MessageView>
  getRawMessage(messageId: string, maxBytes: number): Promise<Uint8Array>
  findMailboxByRole(accountId: string, role: MailboxRole): Mailbox | null
  listMessages(mailboxId: string, range: { offset: number; limit: number }): Promise<MessagePage>
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
/** Learning looks at the newest Inbox messages up to this size. */
const LEARN_SAMPLE = 20
const LEARN_MAX_BYTES = 256 * 1024
/** After a pass that learned nothing, more mail may have come: look again after this long. */
const RELEARN_AFTER_MS = 30 * 60_000
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
  /** One learning pass at a time per account; one that learned nothing is tried again later. */
  const learning = new Map<string, { pass: Promise<string | null>; at: number }>()

  async function sample(accountId: string): Promise<InboxSample[]> {
    const inbox = opts.mail.findMailboxByRole(accountId, 'inbox')
    if (!inbox) return []
    const page = await opts.mail.listMessages(inbox.id, { offset: 0, limit: LEARN_SAMPLE })
    const out: InboxSample[] = []
    for (const m of page.items) {
      if (m.size > LEARN_MAX_BYTES) continue
      try {
        const fields = headerFields(Buffer.from(await opts.mail.getRawMessage(m.id, LEARN_MAX_BYTES)))
        out.push({ topId: topmostAuthservId(fields), fromAddress: m.from[0]?.address ?? null })
      } catch {
        // A message that cannot be read is left out of the sample.
      }
    }
    return out
  }

  async function authservId(accountId: string): Promise<string | null> {
    const known = store.get(accountId)
    if (known) return known.authservId
    const last = learning.get(accountId)
    if (last && Date.now() - last.at < RELEARN_AFTER_MS) return last.pass
    const pass = sample(accountId)
      .then((s) => {
        const id = learnAuthservId(s)
        if (id) store.setLearned(accountId, id)
        return id
      })
      .catch(() => null)
    learning.set(accountId, { pass, at: Date.now() })
    return pass
  }

  async function authenticate(view: MessageView, raw: Buffer, fields: HeaderField[]): Promise<SenderAuth> {
    const fromDomain = domainOf(view.summary.from[0]?.address)
    const id = await authservId(view.summary.accountId)
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
      learning.delete(accountId)
      cache.clear()
    },
    authservFor: (accountId) => store.get(accountId),
  }
}
