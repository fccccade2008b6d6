/**
 * A fake `window.mail` for DOM tests: the real contract's shapes (MailBridge, Result envelopes),
 * in-memory accounts, mailboxes and messages, a record of every call, and events tests can push.
 */
import type { AppErrorData } from '../../../shared/errors'
import type { MailBridge, MailEventName, MailEvents, MailMethod } from '../../../shared/ipc/contract'
import type { Account } from '../../../shared/model/account'
import type { RecipientDelivery } from '../../../shared/model/delivery'
import type { Mailbox, MessageSummary, MessageView } from '../../../shared/model/mail'
import type { AuthservSetting, SenderCheck } from '../../../shared/model/sender-auth'
import { sentState, type SentState } from '../../../shared/mail/sent-state'
import { resetSentStates } from '../features/delivery'
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/model/settings'
import type { SavedSearch, SearchHit } from '../../../shared/model/search'

export interface FakeMail {
  bridge: MailBridge
  calls: { method: MailMethod; args: unknown[] }[]
  emit<E extends MailEventName>(event: E, payload: MailEvents[E]): void
  /** Makes one method fail with this error. */
  failWith(method: MailMethod, error: AppErrorData): void
  accounts: Account[]
  mailboxes: Mailbox[]
  /** Per mailbox, newest first. Generated lazily for huge mailboxes. */
  messages: Map<string, { total: number; at(index: number): MessageSummary }>
  views: Map<string, MessageView>
  sources: Map<string, string>
  /** getThread answers, by message id (otherwise the message alone). */
  threads: Map<string, MessageSummary[]>
  /** getDeliveryStatus answers, by Message-ID header (otherwise none). */
  delivery: Map<string, RecipientDelivery[]>
  /** getSenderCheck answers, by message id (otherwise nothing checked, no warnings). */
  senderChecks: Map<string, SenderCheck>
  /** The accounts' receiving servers (getAuthservId / setAuthservId). */
  authserv: Map<string, AuthservSetting>
  /** What getSettings answers; updateSettings merges into it and emits settings:changed. */
  settings: Settings
  /** searchServer's hits, and whether searchMessages calls its answers incomplete (default none). */
  server: { incomplete: boolean; hits: SearchHit[] }
  /** Saved searches (listSavedSearches answers these; saveSearch adds with 0 unread). */
  saved: SavedSearch[]
}

export function fakeAccount(id: string, address = `${id}@example.test`): Account {
  const server = { host: 'mail.example.test', username: address, authMethod: 'auto' as const }
  return {
    id,
    displayName: `Account ${id}`,
    address,
    incoming: { ...server, protocol: 'imap', port: 993, security: 'tls' },
    outgoing: { ...server, port: 465, security: 'tls' },
    identities: [{ id: `${id}-main`, name: `User ${id}`, address }],
    pins: [],
    createdAt: 1_700_000_000_000,
  }
}

export function fakeMailbox(accountId: string, path: string, extra: Partial<Mailbox> = {}): Mailbox {
  const parts = path.split('/')
  return {
    id: `${accountId}:${path}`,
    accountId,
    path,
    name: parts[parts.length - 1] ?? path,
    parentPath: parts.length > 1 ? parts.slice(0, -1).join('/') : null,
    role: null,
    unread: 0,
    total: 0,
    selectable: true,
    ...extra,
  }
}

export function fakeSummary(
  mailboxId: string,
  index: number,
  extra: Partial<MessageSummary> = {},
): MessageSummary {
  const date = Date.UTC(2024, 5, 1) - index * 3_600_000
  return {
    id: `${mailboxId}#${index}`,
    accountId: mailboxId.split(':')[0] ?? 'a1',
    mailboxId,
    subject: `Message number ${index}`,
    from: [{ name: `Sender ${index % 7}`, address: `sender${index % 7}@example.test` }],
    to: [{ address: 'me@example.test' }],
    cc: [],
    date,
    receivedAt: date,
    flags: { seen: index % 3 !== 0, flagged: index % 5 === 0, answered: false, draft: false },
    hasAttachments: index % 4 === 0,
    size: 2048,
    messageId: `<m${index}@example.test>`,
    inReplyTo: null,
    references: [],
    preview: null,
    threadId: null,
    threadSize: 1,
    ...extra,
  }
}

export function fakeView(summary: MessageSummary, extra: Partial<MessageView> = {}): MessageView {
  return {
    summary,
    bcc: [],
    replyTo: [],
    text: `Hello,\nthis is ${summary.subject}.\nSee https://example.test/page`,
    html: null,
    attachments: [],
    parseProblem: null,
    remoteContentAllowed: false,
    ...extra,
  }
}

/** Thrown by a fake method to answer with a failed Result. */
export class FakeFailure extends Error {
  constructor(readonly data: AppErrorData) {
    super(data.message)
  }
}

type Handler = (...args: never[]) => unknown

export function installFakeMail(setup: (fake: FakeMail) => void = () => {}): FakeMail {
  const listeners = new Map<MailEventName, Set<(payload: unknown) => void>>()
  const failures = new Map<MailMethod, AppErrorData>()
  const fake = {} as FakeMail
  Object.assign(fake, {
    calls: [],
    accounts: [],
    mailboxes: [],
    messages: new Map(),
    views: new Map(),
    sources: new Map(),
    threads: new Map(),
    delivery: new Map(),
    senderChecks: new Map(),
    authserv: new Map(),
    settings: { ...DEFAULT_SETTINGS },
    server: { incomplete: false, hits: [] },
    saved: [],
    emit: (event: MailEventName, payload: unknown) => {
      for (const l of listeners.get(event) ?? []) l(payload)
    },
    failWith: (method: MailMethod, error: AppErrorData) => void failures.set(method, error),
  })
  const offline = new Map<string, { days: number } | 'all'>()
  const savedList = () => fake.saved.map((s) => ({ ...s }))
  // Flags set through setFlags, as main's store would keep them.
  const flagChanges = new Map<string, Partial<MessageSummary['flags']>>()
  const withFlags = (m: MessageSummary) => {
    const change = flagChanges.get(m.id)
    return change ? { ...m, flags: { ...m.flags, ...change } } : m
  }
  const page = (mailboxId: string, range: { offset: number; limit: number }) => {
    const list = fake.messages.get(mailboxId) ?? { total: 0, at: () => undefined as never }
    const items: MessageSummary[] = []
    for (let i = range.offset; i < Math.min(list.total, range.offset + range.limit); i++)
      items.push(withFlags(list.at(i)))
    return { total: list.total, offset: range.offset, items }
  }
  const view = (id: string) => {
    const v = fake.views.get(id)
    if (v) return v
    for (const list of fake.messages.values()) {
      const index = Number(id.split('#')[1])
      const s = Number.isInteger(index) && index < list.total ? list.at(index) : undefined
      if (s?.id === id) return fakeView(s)
    }
    throw new FakeFailure({ code: 'MESSAGE_NOT_FOUND', message: `no ${id}`, retryable: false })
  }
  const impl: Record<string, Handler> = {
    getAppInfo: () => ({
      name: 'Mailroom',
      version: '0.1.0',
      dataDir: '/d',
      platform: 'linux',
      secretStorage: 'os-keychain',
    }),
    openExternalLink: () => undefined,
    setKeyPreset: () => undefined,
    listAccounts: () => fake.accounts,
    listMailboxes: (accountId: string) => fake.mailboxes.filter((m) => m.accountId === accountId),
    listMessages: page,
    listMessageIds: (mailboxId: string, range: { offset: number; limit: number }) =>
      page(mailboxId, range).items.map((m) => m.id),
    getMessage: view,
    getThread: (id: string) => (fake.threads.get(id) ?? [view(id).summary]).map(withFlags),
    getMessageSource: (id: string) => fake.sources.get(id) ?? `Subject: source of ${id}\r\n\r\nbody`,
    setFlags: (ids: string[], flags: Partial<MessageSummary['flags']>) => {
      for (const id of ids) flagChanges.set(id, { ...flagChanges.get(id), ...flags })
    },
    moveMessages: () => undefined,
    copyMessages: () => undefined,
    deleteMessages: () => undefined,
    archiveMessages: () => undefined,
    markAsJunk: () => undefined,
    undoLast: () => null,
    restoreMessages: () => undefined,
    createFolder: (accountId: string, parent: string | null, name: string) =>
      fakeMailbox(accountId, parent ? `${parent}/${name}` : name),
    renameFolder: () => undefined,
    moveFolder: () => undefined,
    deleteFolder: () => undefined,
    markFolderRead: () => undefined,
    emptyFolder: () => undefined,
    refreshMailbox: () => undefined,
    checkNow: () => undefined,
    getPop3Status: () => null,
    saveAttachment: () => ({ saved: true }),
    openAttachedMessage: (_id: string, attachmentId: string) => view(attachmentId),
    allowRemoteContent: () => undefined,
    getDeliveryStatus: (id: string) => fake.delivery.get(id) ?? [],
    getSentStates: (ids: string[]) => {
      const out: Record<string, SentState> = {}
      for (const id of ids) {
        const state = sentState(fake.delivery.get(id) ?? [])
        if (state) out[id] = state
      }
      return out
    },
    getSenderCheck: (id: string): SenderCheck =>
      fake.senderChecks.get(id) ?? {
        auth: {
          source: 'unchecked',
          authservId: null,
          verdict: 'none',
          alignedDomain: null,
          fromDomain: null,
          methods: [],
          uncheckedWhy: 'Not checked.',
        },
        warnings: [],
      },
    setAuthservId: (accountId: string, authservId: string | null) => {
      if (authservId === null) fake.authserv.delete(accountId)
      else fake.authserv.set(accountId, { authservId, origin: 'settings' })
    },
    getAuthservId: (accountId: string) => fake.authserv.get(accountId) ?? null,
    // Every word a substring of the subject or sender (the real index matches word prefixes).
    searchMessages: (query: string, options: { limit?: number }) => {
      const words = query.toLowerCase().split(/\s+/).filter(Boolean)
      const items = []
      for (const [mailboxId, list] of fake.messages) {
        const box = fake.mailboxes.find((m) => m.id === mailboxId)
        for (let i = 0; i < Math.min(list.total, 5000); i++) {
          const m = withFlags(list.at(i))
          const text =
            `${m.subject} ${m.from.map((a) => `${a.name ?? ''} ${a.address}`).join(' ')}`.toLowerCase()
          if (words.length > 0 && words.every((w) => text.includes(w)))
            items.push({ ...m, mailboxName: box?.name ?? mailboxId, mailboxRole: box?.role ?? null })
        }
      }
      items.sort((a, b) => b.date - a.date)
      const limit = options.limit ?? 200
      return {
        items: items.slice(0, limit),
        truncated: items.length > limit,
        indexing: false,
        ...(fake.server.incomplete ? { incomplete: true } : {}),
      }
    },
    searchServer: () => ({ items: fake.server.hits, truncated: false, indexing: false }),
    listSavedSearches: () => savedList(),
    saveSearch: (name: string, query: string) => {
      fake.saved.push({ id: String(fake.saved.length + 1), name, query, unread: 0 })
      return savedList()
    },
    removeSavedSearch: (id: string) => {
      fake.saved = fake.saved.filter((s) => s.id !== id)
      return savedList()
    },
    getOfflineBodies: (accountId: string) => ({
      policy: offline.get(accountId) ?? { days: 90 },
      storedBytes: 5_400_000,
    }),
    setOfflineBodies: (accountId: string, policy: { days: number } | 'all') => {
      offline.set(accountId, policy)
      return { policy, storedBytes: 5_400_000 }
    },
    editDraftMessage: (id: string) => {
      const s = view(id).summary
      return { ...draftOf(id, 'edit'), to: s.to.map((a) => a.address).join(', '), subject: s.subject }
    },
    createReply: (id: string, kind: string) => draftOf(id, kind),
    getSettings: () => ({ settings: fake.settings, capabilities: { nativeZoom: false, nativePrint: false } }),
    updateSettings: (patch: Partial<Settings>) => {
      fake.settings = { ...fake.settings, ...patch }
      // As main: every window hears of it (after this answer).
      queueMicrotask(() => fake.emit('settings:changed', { settings: fake.settings }))
      return fake.settings
    },
    printWindow: () => false,
  }
  function draftOf(id: string, kind: string) {
    const s = view(id).summary
    const forward = kind.startsWith('forward')
    return {
      id: `draft-${kind}-${id}`,
      accountId: s.accountId,
      identityId: `${s.accountId}-main`,
      to: forward ? '' : (s.from[0]?.address ?? ''),
      cc: '',
      bcc: '',
      subject: `${forward ? 'Fwd' : 'Re'}: ${s.subject}`,
      format: 'html',
      html: '<p></p>',
      text: '',
      inReplyTo: forward ? null : s.messageId,
      references: s.messageId ? [s.messageId] : [],
      attachments: [],
      updatedAt: 0,
      state: 'editing',
      serverCopy: { state: 'saved', error: null, retryAt: null },
    }
  }
  const bridge: Record<string, unknown> = {
    on: (event: MailEventName, listener: (payload: unknown) => void) => {
      let set = listeners.get(event)
      if (!set) listeners.set(event, (set = new Set()))
      set.add(listener)
      return () => set.delete(listener)
    },
  }
  for (const [method, fn] of Object.entries(impl)) {
    bridge[method] = (...args: never[]) => {
      fake.calls.push({ method: method as MailMethod, args })
      const failure = failures.get(method as MailMethod)
      if (failure) return Promise.resolve({ ok: false, error: failure })
      try {
        return Promise.resolve({ ok: true, value: fn(...args) })
      } catch (error) {
        if (error instanceof FakeFailure) return Promise.resolve({ ok: false, error: error.data })
        throw error
      }
    }
  }
  fake.bridge = bridge as unknown as MailBridge
  setup(fake)
  Object.defineProperty(window, 'mail', { value: fake.bridge, configurable: true })
  return fake
}

export function removeFakeMail(): void {
  Reflect.deleteProperty(window, 'mail')
  // The Sent badges' cache belongs to the window.mail it asked.
  resetSentStates()
}

/** A mailbox of `total` generated messages (cheap even for 100,000). */
export function seedMessages(fake: FakeMail, mailboxId: string, total: number): void {
  const cache = new Map<number, MessageSummary>()
  fake.messages.set(mailboxId, {
    total,
    at: (i) => {
      let s = cache.get(i)
      if (!s) cache.set(i, (s = fakeSummary(mailboxId, i)))
      return s
    },
  })
}
