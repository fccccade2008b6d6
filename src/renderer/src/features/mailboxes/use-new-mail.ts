import { useEffect, useRef } from 'react'
import type { MailEvents } from '../../../../shared/ipc/contract'
import type { MessageSummary } from '../../../../shared/model/mail'
import { call, onMailEvent } from '../../lib/ipc'
import { sendersLabel } from '../message-list'
import { useSetting } from '../settings'
import { mailboxLabel } from './MailboxTree'
import type { AccountMailboxes } from './use-mailboxes'

/** Unread messages in every account's Inbox: what the window title and the badge show. */
export function unreadInInboxes(accounts: readonly AccountMailboxes[]): number {
  return accounts.reduce(
    (n, a) => n + a.mailboxes.reduce((m, b) => m + (b.role === 'inbox' ? b.unread : 0), 0),
    0,
  )
}

/** Window title (which Electron shows as the window's) and the app badge where there is one. */
export function useUnreadTitle(unread: number): void {
  useEffect(() => {
    document.title = unread > 0 ? `Mailroom (${unread} unread)` : 'Mailroom'
    const nav = navigator as Navigator & {
      setAppBadge?: (n: number) => Promise<void>
      clearAppBadge?: () => Promise<void>
    }
    const badge = unread > 0 ? nav.setAppBadge?.(unread) : nav.clearAppBadge?.()
    badge?.catch(() => undefined)
  }, [unread])
}

async function notificationsAllowed(): Promise<boolean> {
  if (typeof Notification === 'undefined') return false
  if (Notification.permission === 'default') return (await Notification.requestPermission()) === 'granted'
  return Notification.permission === 'granted'
}

/**
 * A desktop notification when main reports new mail (`mail:new`), with the newest message's sender
 * and subject. Clicking it brings the window forward and opens that folder and that message (the
 * newest, when several came).
 */
export function useNewMailNotifications(
  accounts: readonly AccountMailboxes[],
  onOpenMailbox: (mailboxId: string, message?: MessageSummary) => void,
): void {
  const enabled = useSetting('notifyNewMail')
  const latest = useRef({ accounts, onOpenMailbox, enabled })
  useEffect(() => {
    latest.current = { accounts, onOpenMailbox, enabled }
  })
  useEffect(() => {
    const notify = async ({ accountId, mailboxId, count }: MailEvents['mail:new']) => {
      if (count <= 0 || !latest.current.enabled || !(await notificationsAllowed())) return
      const account = latest.current.accounts.find((a) => a.account.id === accountId)
      const mailbox = account?.mailboxes.find((m) => m.id === mailboxId)
      const where = [mailbox && mailboxLabel(mailbox), account?.account.address].filter(Boolean).join(' · ')
      const newest = await call('listMessages', mailboxId, { offset: 0, limit: 1 }).then(
        (page) => page.items[0],
        () => undefined,
      )
      const title = count === 1 && newest ? sendersLabel(newest.from) : `${count} new messages`
      const body = [newest?.subject || (newest ? '(no subject)' : ''), where].filter(Boolean).join('\n')
      const n = new Notification(title, { body, tag: `mail:${mailboxId}` })
      n.onclick = () => {
        window.focus()
        latest.current.onOpenMailbox(mailboxId, newest)
        n.close()
      }
    }
    return onMailEvent('mail:new', (e) => void notify(e).catch(() => undefined))
  }, [])
}
