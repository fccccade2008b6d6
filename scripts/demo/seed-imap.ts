/** Puts the generated demo mailbox into Dovecot over IMAP (APPEND keeps flags and dates). */
import { ImapFlow } from 'imapflow'
import { DEMO_FOLDERS, type DemoMessage } from './generate-mail'

export interface ImapLogin {
  host: string
  /** Implicit TLS port (IMAPS). */
  port: number
  user: string
  pass: string
  /** The demo servers' CA: trusted explicitly, verification stays on. */
  ca: string
}

export async function seedImap(login: ImapLogin, messages: readonly DemoMessage[]): Promise<void> {
  const client = new ImapFlow({
    host: login.host,
    port: login.port,
    secure: true,
    auth: { user: login.user, pass: login.pass },
    tls: { ca: login.ca },
    logger: false,
  })
  await client.connect()
  try {
    const existing = new Set((await client.list()).map((m) => m.path))
    for (const folder of DEMO_FOLDERS) if (!existing.has(folder)) await client.mailboxCreate(folder)
    // Oldest first, so UIDs grow with time as they do in a real mailbox.
    const ordered = [...messages].sort((a, b) => a.date.getTime() - b.date.getTime())
    for (const m of ordered) await client.append(m.folder, m.raw, m.flags, m.date)
  } finally {
    await client.logout().catch(() => undefined)
  }
}
