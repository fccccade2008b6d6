/**
 * Crash safety of the outbox: a child process sends one message and is killed with SIGKILL at a
 * chosen point; the app restarts on the same data folder; the recipient's INBOX (read over IMAP)
 * must hold the message exactly once, and the outbox must say what happened.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { ProbePoint } from '../../src/main/core/outbox/outbox-types'
import { createTestUser, type TestUser } from '../servers/mail-env'
import {
  addAccount,
  copiesDelivered,
  fetchByMessageId,
  knownUser,
  imapClient,
  settled,
  stackAccount,
  startSendingApp,
  waitFor,
} from './helpers/sending'
import { TestChild } from './helpers/test-child'

const dirs: string[] = []
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

/** Runs the child until it reports `point`, then SIGKILLs it. Returns the queued item's ids. */
async function sendAndKill(
  dataDir: string,
  sender: TestUser,
  to: TestUser,
  point: ProbePoint,
): Promise<{ id: string; messageId: string }> {
  const child = TestChild.start('test/integration/helpers/outbox-child.ts', {
    DATA_DIR: dataDir,
    ACCOUNT_ID: 'acc',
    PASSWORD: sender.password,
    CRASH_AT: point,
    SEND_TO: to.address,
    SUBJECT: `crash at ${point}`,
  })
  const reached = await child.line((l) => l.startsWith('reached '))
  expect(reached.split(' ')[1]).toBe(point)
  expect(await child.kill(), child.stderr).toBe('SIGKILL')
  // The queue line comes first: the outbox starts on a timer after sendDraft has answered.
  const queued = child.lines.find((l) => l.startsWith('queued '))
  expect(queued, child.stderr).toBeDefined()
  const [, id, messageId] = queued!.split(' ')
  return { id: id!, messageId: messageId! }
}

async function prepared(): Promise<{ dataDir: string; sender: TestUser; to: TestUser }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mailroom-crash-'))
  dirs.push(dataDir)
  const sender = createTestUser('crash-sender')
  const to = await knownUser('crash-rcpt')
  const app = await startSendingApp({ dataDir })
  await addAccount(app.services, stackAccount('acc', sender), sender.password)
  await app.close({ keepData: true })
  return { dataDir, sender, to }
}

function restart(dataDir: string, sender: TestUser) {
  return startSendingApp({ dataDir, passwords: { acc: sender.password } })
}

describe('outbox after a crash (SIGKILL of the sending process)', () => {
  for (const point of ['before-connect', 'mid-data'] as const) {
    it(`killed ${point}: the restart sends it, and it arrives once`, async () => {
      const { dataDir, sender, to } = await prepared()
      const { id, messageId } = await sendAndKill(dataDir, sender, to, point)
      const app = await restart(dataDir, sender)
      try {
        const item = await settled(app.services, id)
        expect(item).toMatchObject({ state: 'sent', sentCopy: 'saved', messageId })
        expect(item.attempts).toBe(2)
        expect(await copiesDelivered(to, messageId)).toBe(1)
        expect(await fetchByMessageId(sender, 'Sent', messageId)).toHaveLength(1)
      } finally {
        await app.close({ keepData: true })
      }
    })
  }

  it('killed after the server’s 250 and before it was recorded: never resent, shown as may-have-been-sent', async () => {
    const { dataDir, sender, to } = await prepared()
    // On disk this is a reply that never arrived: the ambiguous window of the crash rule.
    const { id, messageId } = await sendAndKill(dataDir, sender, to, 'reply-read')
    const app = await restart(dataDir, sender)
    try {
      const item = await settled(app.services, id)
      expect(item.state).toBe('uncertain')
      expect(item.lastError?.detail?.reason).toBe('may-have-been-sent')
      expect(await copiesDelivered(to, messageId)).toBe(1)
      // The person confirms it arrived: it becomes sent and gets its one Sent copy.
      app.services.outbox.resolveUncertain(id, 'was-sent')
      expect(await settled(app.services, id)).toMatchObject({ state: 'sent', sentCopy: 'saved' })
      expect(await fetchByMessageId(sender, 'Sent', messageId)).toHaveLength(1)
      expect(await copiesDelivered(to, messageId)).toBe(1)
    } finally {
      await app.close({ keepData: true })
    }
  })

  it('killed after the 250 was recorded and before the local commit: the recorded reply settles it as sent', async () => {
    const { dataDir, sender, to } = await prepared()
    const { id, messageId } = await sendAndKill(dataDir, sender, to, 'after-accepted')
    const app = await restart(dataDir, sender)
    try {
      const item = await settled(app.services, id)
      expect(item).toMatchObject({ state: 'sent', sentCopy: 'saved', attempts: 1, messageId })
      expect(item.lastError).toBeNull()
      expect(await fetchByMessageId(sender, 'Sent', messageId)).toHaveLength(1)
      expect(await copiesDelivered(to, messageId)).toBe(1)
    } finally {
      await app.close({ keepData: true })
    }
  })

  it('killed in the ambiguous window on a server that files Sent itself: found by Message-ID, resolved as sent', async () => {
    const { dataDir, sender, to } = await prepared()
    const { id, messageId } = await sendAndKill(dataDir, sender, to, 'reply-read')
    // Stand in for a server that saves submitted mail to Sent: put the delivered copy there.
    const [source] = await waitFor('delivery', async () => {
      const c = await fetchByMessageId(to, 'INBOX', messageId)
      return c.length > 0 ? c : undefined
    })
    const client = imapClient(sender)
    await client.connect()
    await client.append('Sent', source!, ['\\Seen'])
    await client.logout()
    const app = await restart(dataDir, sender)
    try {
      expect(await settled(app.services, id)).toMatchObject({ state: 'sent', sentCopy: 'saved' })
      expect(await fetchByMessageId(sender, 'Sent', messageId)).toHaveLength(1)
      expect(await copiesDelivered(to, messageId)).toBe(1)
    } finally {
      await app.close({ keepData: true })
    }
  })

  it('killed after the local commit and before the Sent copy: the restart saves one Sent copy, sends nothing', async () => {
    const { dataDir, sender, to } = await prepared()
    const { id, messageId } = await sendAndKill(dataDir, sender, to, 'after-commit')
    const app = await restart(dataDir, sender)
    try {
      const item = await settled(app.services, id)
      expect(item).toMatchObject({ state: 'sent', sentCopy: 'saved', attempts: 1 })
      expect(await fetchByMessageId(sender, 'Sent', messageId)).toHaveLength(1)
      expect(await copiesDelivered(to, messageId)).toBe(1)
    } finally {
      await app.close({ keepData: true })
    }
  })
})
