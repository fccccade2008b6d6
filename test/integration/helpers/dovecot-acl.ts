/**
 * Takes rights away from one user's folder on the private Dovecot (its ACL plugin reads a
 * `dovecot-acl` file in the mailbox's folder on every access, RFC 4314 rights letters), so a test
 * can watch the real server refuse an APPEND with its own words ("NO [NOPERM] Permission denied").
 */
import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { mailStack, type TestUser } from '../../servers/mail-env'
import { imapClient } from './sending'

function folderOf(user: TestUser, mailbox: string): string {
  const [local, domain] = user.address.split('@') as [string, string]
  return join(mailStack().root, 'mail', domain, local, 'Maildir', `.${mailbox}`)
}

/** Every right but insert (`i`) and post (`p`): the folder can be read but not appended to. */
export const NO_INSERT = 'lrwstek'

/** Sets the owner's rights on `mailbox` (null: back to all rights). The folder is created first. */
export async function setOwnerRights(user: TestUser, mailbox: string, rights: string | null): Promise<void> {
  const client = imapClient(user)
  await client.connect()
  try {
    // Dovecot creates an auto = subscribe folder on first access.
    await client.status(mailbox, { messages: true })
  } finally {
    await client.logout()
  }
  const file = join(folderOf(user, mailbox), 'dovecot-acl')
  if (rights === null) rmSync(file, { force: true })
  else writeFileSync(file, `owner ${rights}\n`)
}
