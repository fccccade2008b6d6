import type { MailWorld } from './mail-world'

/** One server message: its UID and flags, keyed by Message-ID in `byMessageId`. */
export interface ServerMessage {
  uid: number
  flags: string[]
}

/** Every message of a server mailbox by Message-ID (read by a second client, as another device). */
export async function byMessageId(w: MailWorld, path: string): Promise<Map<string, ServerMessage>> {
  const client = await w.admin()
  const out = new Map<string, ServerMessage>()
  const lock = await client.getMailboxLock(path)
  try {
    // This session may have the mailbox selected from an earlier read: hear of changes first.
    await client.noop()
    if ((client.mailbox || { exists: 0 }).exists === 0) return out
    for await (const m of client.fetch('1:*', { uid: true, flags: true, envelope: true })) {
      const id = m.envelope?.messageId
      if (!id) throw new Error(`A message without Message-ID in ${path}`)
      if (out.has(id)) throw new Error(`${id} is in ${path} twice`)
      out.set(id, { uid: m.uid, flags: [...(m.flags ?? [])].filter((f) => f !== '\\Recent').sort() })
    }
  } finally {
    lock.release()
  }
  return out
}

/** The Message-IDs of a server mailbox, sorted. */
export async function messageIdsIn(w: MailWorld, path: string): Promise<string[]> {
  return [...(await byMessageId(w, path)).keys()].sort()
}

/** Local rows of a mailbox by subject (visible ones), for picking ids. */
export async function idsBySubject(w: MailWorld, path: string): Promise<Record<string, string>> {
  const page = await w.mail.listMessages(w.mailboxId(path), { offset: 0, limit: 500 })
  return Object.fromEntries(page.items.map((m) => [m.subject, m.id]))
}

/** The subjects of a mailbox's visible rows, sorted. */
export async function subjectsIn(w: MailWorld, path: string): Promise<string[]> {
  const page = await w.mail.listMessages(w.mailboxId(path), { offset: 0, limit: 500 })
  return page.items.map((m) => m.subject).sort()
}
