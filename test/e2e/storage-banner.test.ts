/**
 * The storage banner in the real renderer (Chromium, through the test bridge): the app's data
 * folder is on a small tmpfs; when the disk fills up and a save fails, the page shows why and says
 * so until there is room again, then the banner goes by itself.
 */
import { mkdirSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MailBridge } from '../../src/shared/ipc/contract'
import { canMount, cleanup, folderIn, smallDisk, type SmallDisk } from '../integration/helpers/small-disk'
import { startApp, type AppUnderTest } from './harness'

type PageGlobal = typeof globalThis & { mail: MailBridge }

let disk: SmallDisk
let app: AppUnderTest
beforeAll(async () => {
  if (!canMount()) throw new Error('the storage banner test needs root (it mounts a small tmpfs)')
  disk = smallDisk(24)
  app = await startApp({
    dataDir: folderIn(disk.dir, 'e2e'),
    services: { storageHealth: { recheckMs: 200, minFreeBytes: 1024 * 1024 }, startMailSync: false },
  })
})
afterAll(async () => {
  disk?.free()
  await app?.close()
  cleanup()
})

describe('the storage banner', () => {
  it('appears when a save fails on a full disk, names the cause, and goes once there is room', async () => {
    const { page } = app
    await expect.poll(() => page.getByTestId('app-version').textContent()).toBe('0.1.0')
    expect(await page.getByTestId('health-banner').count()).toBe(0)

    app.services.db.pragma('wal_checkpoint(TRUNCATE)')
    disk.fill()
    const answer = await page.evaluate(() =>
      (globalThis as PageGlobal).mail.setOutboxSettings({ undoSeconds: 7 }),
    )
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'STORAGE_FAILED', detail: { reason: 'disk-full' } },
    })

    const banner = page.getByTestId('health-banner')
    await expect.poll(() => banner.count()).toBe(1)
    expect(await banner.getAttribute('role')).toBe('alert')
    expect(await banner.textContent()).toMatch(
      /The disk is full: Mailroom cannot save mail\..*Free some space/,
    )
    mkdirSync('out/screenshots', { recursive: true })
    await page.screenshot({ path: 'out/screenshots/storage-banner.png' })
    // It stays while the disk is full (the monitor probes every 200 ms here).
    await page.waitForTimeout(800)
    expect(await banner.count()).toBe(1)

    disk.free()
    await expect.poll(() => banner.count(), { timeout: 10_000 }).toBe(0)
    expect(
      await page.evaluate(() => (globalThis as PageGlobal).mail.setOutboxSettings({ undoSeconds: 7 })),
    ).toEqual({ ok: true, value: undefined })
    expect(app.pageErrors).toEqual([])
  })
})
