/**
 * Crash safety of the action replay: a child process copies or moves messages and is killed with
 * SIGKILL after the server carried the COPY/MOVE out but before the queue entry was cleared; the
 * app restarts on the same data folder and replays the entry. The real Dovecot must then hold
 * exactly one copy of each message in the target (transfer-recovery.ts), and the store must agree.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { MailWorld, testMessage } from './helpers/mail-world'
import { TestChild } from './helpers/test-child'

const dirs: string[] = []
const worlds: MailWorld[] = []
afterEach(async () => {
  for (const w of worlds.splice(0)) await w.close()
})
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

/** A message without a Message-ID header (RFC 5322 §3.6.4 only says SHOULD). */
const withoutMessageId = (subject: string) =>
  [
    'From: Sender <sender@example.test>',
    'To: reader@example.test',
    `Subject: ${subject}`,
    'Date: Mon, 01 Jan 2024 10:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Body of ${subject}.`,
    '',
  ].join('\r\n')

async function subjectsOn(w: MailWorld, path: string): Promise<string[]> {
  const client = await w.admin()
  const lock = await client.getMailboxLock(path)
  const subjects: string[] = []
  try {
    if ((client.mailbox || { exists: 0 }).exists > 0) {
      for await (const m of client.fetch('1:*', { envelope: true })) subjects.push(m.envelope?.subject ?? '')
    }
  } finally {
    lock.release()
  }
  return subjects.sort()
}

/** Runs the child until the replay has sent the command, then SIGKILLs it. */
async function transferAndKill(w: MailWorld, kind: 'copy' | 'move', ids: string[], target: string) {
  const child = TestChild.start('test/integration/helpers/replay-child.ts', {
    DATA_DIR: w.dataDir,
    ACCOUNT_ID: w.account.id,
    PASSWORD: w.user.password,
    KIND: kind,
    IDS: ids.join(','),
    TARGET: target,
  })
  await child.line((l) => l.startsWith('reached transferred '))
  expect(await child.kill(), child.stderr).toBe('SIGKILL')
}

describe.each(['copy', 'move'] as const)(
  'a %s interrupted by a crash after the server carried it out',
  (kind) => {
    it('is replayed after the restart without a second copy in the target', async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'mailroom-replay-'))
      dirs.push(dataDir)
      const before = await MailWorld.open({ dataDir })
      worlds.push(before)
      const withId = testMessage({ subject: 'has an id' })
      await before.append('INBOX', withId)
      await before.append('INBOX', withoutMessageId('has no id'))
      // The same message is already in the target: it must neither count as our copy nor go away.
      await before.append('Archive', withId)
      await before.mail.syncAccount(before.account.id)
      const page = await before.mail.listMessages(before.mailboxId('INBOX'), { offset: 0, limit: 10 })
      const ids = page.items.map((m) => m.id)
      expect(ids).toHaveLength(2)
      const target = before.mailboxId('Archive')
      await worlds.splice(0)[0]!.close()

      await transferAndKill(before, kind, ids, target)
      // The server did it before the crash: the target already holds the new copies.
      expect(await subjectsOn(before, 'Archive')).toEqual(['has an id', 'has an id', 'has no id'])

      const after = await MailWorld.open({ dataDir, user: before.user })
      worlds.push(after)
      const { queue } = after.store
      // The entry survived, marked as possibly carried out already.
      expect(queue.next(after.account.id)?.inFlight).toBeDefined()
      await after.mail.flushActions(after.account.id)
      expect(queue.count(after.account.id)).toBe(0)

      expect(await subjectsOn(after, 'Archive')).toEqual(['has an id', 'has an id', 'has no id'])
      expect(await subjectsOn(after, 'INBOX')).toEqual(kind === 'copy' ? ['has an id', 'has no id'] : [])
      // The placeholders took the UIDs of the copies found: the store equals the server at once.
      for (const path of ['INBOX', 'Archive']) {
        expect({ path, state: after.localState(path) }).toEqual({
          path,
          state: await after.serverState(path),
        })
      }
      const archive = await after.mail.listMessages(after.mailboxId('Archive'), { offset: 0, limit: 10 })
      expect(archive.items.map((m) => m.subject).sort()).toEqual(['has an id', 'has an id', 'has no id'])
    })
  },
)
