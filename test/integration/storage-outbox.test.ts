/**
 * The outbox on a disk that fills up, for real (a small tmpfs filled to the last byte): a send
 * that cannot be queued says why and loses no draft; a disk that fills in the middle of sending
 * stops the outbox (the banner names it), and once there is room again every message arrives
 * exactly once, without a "may have been sent" for what the server had accepted.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createMailApi } from '../../src/main/api/mail-api'
import type { ProbePoint } from '../../src/main/core/outbox/outbox-types'
import { invokeMailMethod } from '../../src/main/ipc/register'
import type { Services } from '../../src/main/services'
import type { AppHealth } from '../../src/shared/model/app-health'
import type { TestUser } from '../servers/mail-env'
import { canMount, cleanup, folderIn, smallDisk, type SmallDisk } from './helpers/small-disk'
import {
  addAccount,
  fetchByMessageId,
  knownUser,
  inboxAfterMarker,
  settled,
  stackAccount,
  startSendingApp,
  waitFor,
  type SendingApp,
} from './helpers/sending'
import { draftContent } from '../../src/shared/model/compose'

let disk: SmallDisk
let sender: TestUser
let to: TestUser
const apps: SendingApp[] = []
beforeAll(async () => {
  if (!canMount()) throw new Error('storage fault tests need root (they mount a small tmpfs)')
  disk = smallDisk(24)
  sender = await knownUser('full-sender')
  to = await knownUser('full-rcpt')
})
afterEach(async () => {
  disk.free()
  for (const app of apps.splice(0)) await app.close()
})
afterAll(() => cleanup())

/** The app on the small disk; `fillAt` fills the disk when the outbox reaches that point, once. */
async function appOnSmallDisk(name: string, fillAt?: ProbePoint): Promise<SendingApp> {
  const holder: { services?: Services } = {}
  let filled = false
  const app = await startSendingApp({
    dataDir: folderIn(disk.dir, name),
    storageHealth: { recheckMs: 100, minFreeBytes: 1024 * 1024 },
    outbox: {
      retryDelaysMs: [300, 600, 1000],
      probe: {
        at: (point) => {
          if (point === fillAt && !filled && holder.services) {
            filled = true
            fillNow(holder.services)
          }
          return Promise.resolve()
        },
      },
    },
  })
  holder.services = app.services
  apps.push(app)
  await addAccount(app.services, stackAccount('acc', sender), sender.password)
  app.services.outbox.setSettings({ undoSeconds: 0 })
  return app
}

/** Empties the WAL into the database file, then fills the disk: the next write needs space. */
function fillNow(services: Services): void {
  services.db.pragma('wal_checkpoint(TRUNCATE)')
  disk.fill()
}

function healthOf(services: Services): AppHealth[] {
  const seen: AppHealth[] = []
  services.events.on('app:health', (h) => seen.push(h))
  return seen
}

async function copiesDelivered(user: TestUser, messageId: string): Promise<number> {
  await waitFor(`${messageId} delivered`, async () =>
    (await fetchByMessageId(user, 'INBOX', messageId)).length > 0 ? true : undefined,
  )
  // A marker sent after it: once the marker is there, a second copy would be too.
  return (await inboxAfterMarker(user)).filter((id) => id === messageId).length
}

describe('sending on a full disk', () => {
  it('refuses to queue with STORAGE_FAILED "disk full" through IPC, keeps the draft, sends once there is room', async () => {
    const app = await appOnSmallDisk('queue')
    const { compose } = app.services
    const draft = compose.createDraft('acc', null)
    const fields = draftContent(draft)
    const content = { ...fields, to: to.address, subject: 'queued on a full disk', html: '<p>full</p>' }
    compose.saveDraft(content)
    const health = healthOf(app.services)
    fillNow(app.services)

    const api = createMailApi(app.services)
    const answer = await invokeMailMethod(api, 'sendDraft', [content])
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'STORAGE_FAILED', retryable: false, detail: { reason: 'disk-full' } },
    })
    // The person's failed action raises the banner too; it stays while the disk is full.
    await waitFor('the banner', () => (health.at(-1)?.storage ? true : undefined))
    expect(app.services.outbox.list()).toEqual([])
    expect(compose.getDraft(draft.id)).toMatchObject({ state: 'editing', subject: 'queued on a full disk' })

    disk.free()
    await waitFor('the banner to clear', () => (health.at(-1)?.storage === null ? true : undefined))
    const item = await compose.sendDraft(content)
    expect(await settled(app.services, item.id)).toMatchObject({ state: 'sent' })
    expect(await copiesDelivered(to, item.messageId)).toBe(1)
  })

  it('fills up between the claim and the end of data: the outbox stops, says so, and sends it once later', async () => {
    const app = await appOnSmallDisk('mid-send', 'before-connect')
    const health = healthOf(app.services)
    const draft = app.services.compose.createDraft('acc', null)
    const item = await app.services.compose.sendDraft({
      ...draft,
      to: to.address,
      subject: 'disk filled while sending',
      html: '<p>mid</p>',
    })
    await waitFor('the outbox to stop', () =>
      health.some((h) => h.stopped.some((s) => s.task === 'outbox')) ? true : undefined,
    )
    const stopped = health.find((h) => h.stopped.some((s) => s.task === 'outbox'))!
    expect(stopped.storage).toMatchObject({ code: 'STORAGE_FAILED', detail: { reason: 'disk-full' } })
    // The message did not fail for good, and nothing was delivered (no end of data was sent).
    expect(app.services.outbox.get(item.id)?.state).not.toBe('failed')

    disk.free()
    expect(await settled(app.services, item.id)).toMatchObject({ state: 'sent', sentCopy: 'saved' })
    expect(health.at(-1)).toEqual({ storage: null, stopped: [] })
    expect(await copiesDelivered(to, item.messageId)).toBe(1)
  })

  it('fills up after the server accepted: recorded as sent once there is room, not "may have been sent"', async () => {
    const app = await appOnSmallDisk('after-accepted', 'after-accepted')
    const health = healthOf(app.services)
    const draft = app.services.compose.createDraft('acc', null)
    const item = await app.services.compose.sendDraft({
      ...draft,
      to: to.address,
      subject: 'disk filled after the 250',
      html: '<p>accepted</p>',
    })
    await waitFor('the outbox to stop', () =>
      health.some((h) => h.stopped.some((s) => s.task === 'outbox')) ? true : undefined,
    )
    disk.free()
    const done = await settled(app.services, item.id)
    expect(done).toMatchObject({ state: 'sent', sentCopy: 'saved', attempts: 1 })
    expect(app.services.compose.listDrafts().map((d) => d.id)).not.toContain(draft.id)
    expect(await copiesDelivered(to, item.messageId)).toBe(1)
    expect(await fetchByMessageId(sender, 'Sent', item.messageId)).toHaveLength(1)
  })
})
