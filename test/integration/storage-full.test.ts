/**
 * A full disk, for real: the app's data folder lives on a small tmpfs that the test fills to the
 * last byte while the real services run against the real Dovecot. Every failure must say
 * STORAGE_FAILED "disk full" (never a network error, never retried as one), the banner state
 * (app:health) must say so and name what stopped, and once space is freed everything carries on
 * by itself with nothing lost.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createMailApi } from '../../src/main/api/mail-api'
import { invokeMailMethod } from '../../src/main/ipc/register'
import type { AppErrorData } from '../../src/shared/errors'
import type { AppHealth } from '../../src/shared/model/app-health'
import { createTestUser } from '../servers/mail-env'
import { MailWorld, testMessage } from './helpers/mail-world'
import { pop3Account } from './helpers/pop3-fixture'
import { deliverRaw, largeMessage } from './helpers/pop3-mail'
import { addAccount, startSendingApp, waitFor } from './helpers/sending'
import { canMount, cleanup, folderIn, smallDisk, type SmallDisk } from './helpers/small-disk'

const worlds: MailWorld[] = []
let disk: SmallDisk
beforeAll(() => {
  if (!canMount()) throw new Error('storage fault tests need root (they mount a small tmpfs)')
  disk = smallDisk(24)
})
afterEach(async () => {
  disk.free()
  for (const w of worlds.splice(0)) await w.close()
})
afterAll(() => cleanup())

function healthEvents(w: MailWorld): AppHealth[] {
  const seen: AppHealth[] = []
  w.services.events.on('app:health', (h) => seen.push(h))
  return seen
}

function inboxSize(w: MailWorld): number {
  return w.store.mailboxes.byRole(w.account.id, 'inbox') ? w.localState('INBOX').size : 0
}

/** Empties the WAL into the database file, so that the next write needs new space on the disk. */
function checkpoint(w: MailWorld): void {
  w.services.db.pragma('wal_checkpoint(TRUNCATE)')
}

describe('a full disk under the running sync engine', () => {
  it('stops the sync with STORAGE_FAILED "disk full", says so until there is room, then catches up', async () => {
    const w = await MailWorld.open({
      dataDir: folderIn(disk.dir, 'sync'),
      engine: { backoffInitialMs: 50, backoffMaxMs: 200 },
      storageHealth: { recheckMs: 100, minFreeBytes: 1024 * 1024 },
    })
    worlds.push(w)
    for (let i = 0; i < 3; i++) await w.deliver(testMessage({ subject: `before ${i}` }))
    w.mail.start()
    await w.until('the first sync', () => inboxSize(w) === 3)

    const health = healthEvents(w)
    const errors: AppErrorData[] = []
    w.services.events.on('app:error', (e) => errors.push(e.error))
    checkpoint(w)
    disk.fill()
    expect(disk.freeBytes()).toBeLessThan(64 * 1024)
    for (let i = 0; i < 40; i++) {
      await w.deliver(testMessage({ subject: `while full ${i}`, body: 'x'.repeat(4000) }))
    }

    // IDLE sees the new mail; the sync cannot store it.
    await w.until('the banner state', () => health.some((h) => h.storage !== null))
    const failed = health.find((h) => h.storage !== null)!
    expect(failed.storage).toMatchObject({
      code: 'STORAGE_FAILED',
      retryable: false,
      detail: { reason: 'disk-full' },
    })
    expect(failed.stopped.map((s) => s.task)).toContain('mail-sync')
    expect(w.services.health.state()).toMatchObject({ storage: { detail: { reason: 'disk-full' } } })
    // A person's refresh answers the same, through the IPC envelope.
    const api = createMailApi(w.services)
    const refresh = await invokeMailMethod(api, 'refreshMailbox', [w.mailboxId('INBOX')])
    expect(refresh).toMatchObject({
      ok: false,
      error: { code: 'STORAGE_FAILED', retryable: false, detail: { reason: 'disk-full' } },
    })
    // Never reported or retried as a network failure.
    expect(errors.filter((e) => e.code !== 'STORAGE_FAILED')).toEqual([])
    expect(JSON.stringify([health, errors])).not.toMatch(/CONNECTION_FAILED|database or disk is full/)

    // Still full a while later: the banner stays.
    await new Promise((r) => setTimeout(r, 500))
    expect(w.services.health.state().storage).not.toBeNull()

    disk.free()
    await w.until('the banner to clear', () => health.at(-1)?.storage === null)
    expect(health.at(-1)).toEqual({ storage: null, stopped: [] })
    // The engine woke by itself: the store catches up with the server, message for message.
    await w.until('the store to equal the server', () => inboxSize(w) === 43)
    expect(w.localState('INBOX')).toEqual(await w.serverState('INBOX'))
  })
})

describe('a full disk under POP3 checks', () => {
  it('fails the check with STORAGE_FAILED "disk full", not a network error, and loses nothing', async () => {
    const user = createTestUser('pop3full')
    deliverRaw(user, largeMessage('Too big for the disk left', 2 * 1024 * 1024))
    const app = await startSendingApp({
      dataDir: folderIn(disk.dir, 'pop3'),
      startMailSync: false,
      storageHealth: { recheckMs: 100, minFreeBytes: 1024 * 1024 },
    })
    try {
      await addAccount(app.services, pop3Account('pop', user, 'tls'), user.password)
      const health: AppHealth[] = []
      const errors: AppErrorData[] = []
      app.services.events.on('app:health', (h) => health.push(h))
      app.services.events.on('app:error', (e) => errors.push(e.error))
      app.services.db.pragma('wal_checkpoint(TRUNCATE)')
      disk.fill()

      // The download cannot be written: the store's failure, said so in the banner state.
      await expect(app.services.pop3.checkNow('pop')).rejects.toMatchObject({
        code: 'STORAGE_FAILED',
        retryable: false,
        detail: { reason: 'disk-full' },
      })
      expect(app.services.health.state()).toMatchObject({
        storage: { detail: { reason: 'disk-full' } },
        stopped: [{ task: 'pop3' }],
      })
      expect(errors).toEqual([])

      disk.free()
      await waitFor('the banner to clear', () => (health.at(-1)?.storage === null ? true : undefined))
      expect(await app.services.pop3.checkNow('pop')).toMatchObject({ downloaded: 1, onServer: 1 })
      const inbox = (await app.services.mail.listMailboxes('pop')).find((m) => m.role === 'inbox')!
      const page = await app.services.mail.listMessages(inbox.id, { offset: 0, limit: 10 })
      expect(page.items.map((m) => m.subject)).toEqual(['Too big for the disk left'])
    } finally {
      await app.close()
    }
  })
})
