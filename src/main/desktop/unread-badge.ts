/**
 * The unread count outside the window: the dock/taskbar badge (and the tray where there is one).
 * The window's title says it too; the page sets it (document.title) and Electron shows it.
 * Plain Node: the bootstrap gives it Electron's app.setBadgeCount through a port.
 */
import type { Mailbox } from '../../shared/model/mail'
import type { EventBus } from '../core/events'

export interface BadgePort {
  /** 0 clears the badge. */
  setBadgeCount(count: number): void
}

/** Unread messages in every account's Inbox: what the badge shows (as the page's title does). */
export function unreadInInboxes(mailboxes: readonly Pick<Mailbox, 'role' | 'unread'>[]): number {
  return mailboxes.reduce((n, m) => n + (m.role === 'inbox' ? Math.max(0, m.unread) : 0), 0)
}

/** What the badge and a tray show for a count: nothing at 0, at most "999+" in words. */
export function badgeText(count: number): string {
  if (count <= 0) return ''
  return count > 999 ? '999+' : String(count)
}

export interface UnreadBadgeDeps {
  events: Pick<EventBus, 'on'>
  /** Every account's folders with their unread counts (the mail service). */
  mailboxes: () => Promise<readonly Pick<Mailbox, 'role' | 'unread'>[]>
  port: BadgePort
  /** How long changes are gathered before the count is read again (a sync changes many folders). */
  delayMs?: number
}

/**
 * Keeps the badge equal to the Inboxes' unread count: read at start, and again after folders,
 * new mail or accounts change (coalesced: one read for a burst). Set only when it changes.
 */
export function createUnreadBadge(deps: UnreadBadgeDeps): { refresh(): Promise<void>; close(): void } {
  let shown: number | null = null
  let timer: ReturnType<typeof setTimeout> | null = null
  let closed = false
  const refresh = async () => {
    let count: number
    try {
      count = unreadInInboxes(await deps.mailboxes())
    } catch {
      // The store failed (the banner says so); the badge keeps its last count.
      return
    }
    if (closed || count === shown) return
    shown = count
    deps.port.setBadgeCount(count)
  }
  const schedule = () => {
    if (timer || closed) return
    timer = setTimeout(() => {
      timer = null
      void refresh()
    }, deps.delayMs ?? 250)
  }
  const offs = [
    deps.events.on('mailbox:changed', schedule),
    deps.events.on('mail:new', schedule),
    deps.events.on('accounts:changed', schedule),
  ]
  return {
    refresh,
    close() {
      closed = true
      if (timer) clearTimeout(timer)
      for (const off of offs) off()
    },
  }
}
