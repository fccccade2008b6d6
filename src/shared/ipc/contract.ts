/**
 * The one IPC contract between the renderer and main.
 *
 * MailApi is assembled from per-feature interfaces (each in its own file beside this one) so that
 * features can grow independently; MAIL_METHODS is the compiler-checked union of their method lists.
 * Channel names are derived from method names, never typed by hand.
 */
import type { Result } from './result'
import type { AppErrorData } from '../errors'
import type { AppHealth } from '../model/app-health'
import type { Draft } from '../model/compose'
import { ACCOUNTS_METHODS, type AccountsApi } from './accounts-api'
import { APP_METHODS, type AppApi } from './app-api'
import { COMPOSE_METHODS, OUTBOX_METHODS, type ComposeApi, type OutboxApi } from './compose-api'
import { DELIVERY_METHODS, type DeliveryApi } from './delivery-api'
import { MAILBOX_METHODS, type MailboxApi } from './mailbox-api'
import { methodList } from './method-list'
import { ORGANIZE_METHODS, type OrganizeApi } from './organize-api'
import type { UndoableAction } from '../model/organize'
import { SEARCH_METHODS, type SearchApi } from './search-api'
import { SETTINGS_METHODS, type SettingsApi } from './settings-api'
import type { Settings } from '../model/settings'

export type MailApi = AppApi &
  AccountsApi &
  MailboxApi &
  ComposeApi &
  OutboxApi &
  SearchApi &
  DeliveryApi &
  OrganizeApi &
  SettingsApi

export type MailMethod = Extract<keyof MailApi, string>

export const MAIL_METHODS = methodList<MailApi>()([
  ...APP_METHODS,
  ...ACCOUNTS_METHODS,
  ...MAILBOX_METHODS,
  ...COMPOSE_METHODS,
  ...OUTBOX_METHODS,
  ...SEARCH_METHODS,
  ...DELIVERY_METHODS,
  ...ORGANIZE_METHODS,
  ...SETTINGS_METHODS,
])

/** Push events from main to the renderer, with their payloads. */
export interface MailEvents {
  /** Progress of a sync or a long-running job (header sync, POP3 download, discovery). */
  'sync:progress': { accountId: string; mailboxId?: string; phase: string; done: number; total?: number }
  /** Local state of one mailbox changed (new headers, flags, expunges); the UI re-reads it. */
  'mailbox:changed': { accountId: string; mailboxId: string }
  /** The outbox changed (queued, sending, sent, failed). */
  'outbox:changed': { accountId: string }
  /** A draft's copy in the server's Drafts folder was saved, failed or is waiting (Draft.serverCopy). */
  'drafts:changed': { accountId: string; draftId: string }
  /** New mail arrived (for notifications and unread badges). */
  'mail:new': { accountId: string; mailboxId: string; count: number }
  /** An account was added, changed or removed. */
  'accounts:changed': { accountId: string }
  /** A background error the person should see (e.g. a sync that keeps failing). */
  'app:error': { accountId?: string; error: AppErrorData }
  /** The store failed or works again; background work stopped or runs again (the app's banner). */
  'app:health': AppHealth
  /** Delivery reports changed what is known of these sent messages (by Message-ID header). */
  'delivery:changed': { accountId: string; messageIds: string[] }
  /** Main made a draft the person asked for outside the app (a mailto: link): open it. */
  'compose:open': { draft: Draft }
  /** A person's action was recorded and can be undone (the "… · Undo" toast, Ctrl/Cmd+Z). */
  'mail:undoable': UndoableAction
  /** The application menu asked for a command of the table (shared/commands/command-table.ts). */
  'command:run': { id: string }
  /** The settings changed (this window or another): apply them at once. */
  'settings:changed': { settings: Settings }
}

export type MailEventName = Extract<keyof MailEvents, string>

export const MAIL_EVENTS = methodList<MailEvents>()([
  'sync:progress',
  'mailbox:changed',
  'outbox:changed',
  'drafts:changed',
  'mail:new',
  'accounts:changed',
  'app:error',
  'app:health',
  'compose:open',
  'mail:undoable',
  'delivery:changed',
  'command:run',
  'settings:changed',
])

export const MAIL_CHANNEL_PREFIX = 'mail:'
export const EVENT_CHANNEL_PREFIX = 'mail-event:'

export function channelFor(method: MailMethod): string {
  return `${MAIL_CHANNEL_PREFIX}${method}`
}

export function eventChannelFor(event: MailEventName): string {
  return `${EVENT_CHANNEL_PREFIX}${event}`
}

export function isMailMethod(name: string): name is MailMethod {
  return (MAIL_METHODS as readonly string[]).includes(name)
}

export function isMailEvent(name: string): name is MailEventName {
  return (MAIL_EVENTS as readonly string[]).includes(name)
}

type Method<K extends MailMethod> = MailApi[K] extends (...args: infer A) => Promise<infer R>
  ? (...args: A) => Promise<Result<R>>
  : never

/** What the preload exposes as `window.mail`: every method answers with a Result envelope. */
export type MailBridge = { [K in MailMethod]: Method<K> } & {
  on<E extends MailEventName>(event: E, listener: (payload: MailEvents[E]) => void): () => void
}
