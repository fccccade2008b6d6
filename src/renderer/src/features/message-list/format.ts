import type { MailAddress, MailboxRole } from '../../../../shared/model/mail'

export function addressLabel(a: MailAddress | undefined): string {
  if (!a) return ''
  return a.name?.trim() || a.address
}

export function addressFull(a: MailAddress): string {
  return a.name?.trim() ? `${a.name.trim()} <${a.address}>` : a.address
}

export function sendersLabel(list: readonly MailAddress[]): string {
  return list.length === 0 ? '(no sender)' : list.map(addressLabel).join(', ')
}

/** "To: Sara, Ben": who a message went (or goes) to, for Sent, Drafts and Outbox rows. */
export function recipientsLabel(m: { to: readonly MailAddress[]; cc: readonly MailAddress[] }): string {
  const all = [...m.to, ...m.cc]
  return all.length === 0 ? 'To: (no recipients)' : `To: ${all.map(addressLabel).join(', ')}`
}

/** Folders whose rows name the recipients rather than the sender (the sender is the person). */
export function showsRecipients(role: MailboxRole | null | undefined): boolean {
  return role === 'sent' || role === 'drafts'
}

/** Today: the time; this year: day and month; before: the full date. In the person's locale. */
export function shortDate(epochMs: number, now = Date.now()): string {
  const d = new Date(epochMs)
  const n = new Date(now)
  if (d.toDateString() === n.toDateString()) {
    return d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
  }
  if (d.getFullYear() === n.getFullYear())
    return d.toLocaleDateString(undefined, { day: 'numeric', month: 'short' })
  return d.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' })
}

export function longDate(epochMs: number): string {
  return new Date(epochMs).toLocaleString(undefined, { dateStyle: 'full', timeStyle: 'short' })
}

export function byteSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  const units = ['KB', 'MB', 'GB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`
}
