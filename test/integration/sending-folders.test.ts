import { ImapFlow } from 'imapflow'
import { afterEach, describe, expect, it } from 'vitest'
import { specialFolder } from '../../src/main/core/imap/sending-folders'
import { SERVER_FAMILIES, type ServerFamily } from '../servers/families'
import { testCa, type TestUser } from '../servers/mail-env'
import { knownUser } from './helpers/sending'

/** Finding the Sent and Drafts folders for the server copies, against each server family. */

const clients: ImapFlow[] = []
afterEach(async () => {
  for (const c of clients.splice(0)) await c.logout().catch(() => c.close())
})

async function session(family: ServerFamily, user: TestUser): Promise<ImapFlow> {
  const client = new ImapFlow({
    host: family.host,
    port: family.ports.imaps,
    secure: true,
    tls: { ca: testCa() },
    auth: { user: user.address, pass: user.password },
    logger: false,
  })
  client.on('error', () => undefined)
  await client.connect()
  clients.push(client)
  return client
}

describe.each(SERVER_FAMILIES)('the Drafts folder on $title', (family) => {
  it('is found by its special-use flag', async () => {
    const user = await knownUser('folders', family)
    expect(await specialFolder(await session(family, user), '\\Drafts')).toBe('Drafts')
    expect(await specialFolder(await session(family, user), '\\Sent')).toBe('Sent')
  })

  it('is used when another session created it between our LIST and our CREATE', async () => {
    const user = await knownUser('folders', family)
    const ours = await session(family, user)
    // Our LIST ran before another session made the folder (as in a new account's first sessions,
    // while Cyrus creates the folders at the first login): it shows no Drafts. The CREATE that
    // follows gets the server's real answer (Dovecot: NO [ALREADYEXISTS]; Cyrus: a bare NO).
    const list = ours.list.bind(ours)
    let stale = true
    ours.list = async (...args) => {
      const boxes = await list(...args)
      if (!stale) return boxes
      stale = false
      return boxes.filter((b) => b.path !== 'Drafts')
    }
    expect(await specialFolder(ours, '\\Drafts')).toBe('Drafts')
    expect(stale).toBe(false)
    expect((await list()).filter((b) => b.path === 'Drafts')).toHaveLength(1)
  })
})
