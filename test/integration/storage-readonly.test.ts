/**
 * A read-only store, for real: a process that queued mail and kept a draft is killed (its WAL
 * stays, as after a crash), and the app starts on a read-only bind mount of that folder. It must
 * start, say at once that nothing can be saved (the banner, with the outbox named as stopped), answer
 * a save with STORAGE_FAILED "read-only" rather than INTERNAL, still show what it has, and lose
 * nothing: on a writable folder again the queued message leaves, once.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMailApi } from '../../src/main/api/mail-api'
import { invokeMailMethod } from '../../src/main/ipc/register'
import { createMemorySecretStore } from '../../src/main/core/secrets/secret-store'
import { createServices } from '../../src/main/services'
import { startApp } from '../../src/main/start-app'
import { testCa, type TestUser } from '../servers/mail-env'
import { canMount, cleanup, readOnlyView, unmount } from './helpers/small-disk'
import {
  fetchByMessageId,
  knownUser,
  settled,
  stackAccount,
  startSendingApp,
  waitFor,
} from './helpers/sending'
import { draftContent } from '../../src/shared/model/compose'

let source: string
let sender: TestUser
let to: TestUser
beforeAll(async () => {
  if (!canMount()) throw new Error('storage fault tests need root (they mount a read-only view)')
  source = mkdtempSync(join(tmpdir(), 'mailroom-rostore-'))
  sender = await knownUser('ro-sender')
  to = await knownUser('ro-rcpt')
})
afterAll(() => {
  cleanup()
  rmSync(source, { recursive: true, force: true })
})

/** Runs the store child on `dataDir` until it is ready, then SIGKILLs it (its WAL stays). */
async function crashAfterQueueing(dataDir: string): Promise<{ outboxId: string; draftId: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/integration/helpers/store-child.ts'], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      ACCOUNT_JSON: JSON.stringify(stackAccount('acc', sender)),
      SEND_TO: to.address,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()))
  for await (const line of createInterface({ input: child.stdout })) {
    const [word, outboxId, draftId] = line.split(' ')
    if (word !== 'ready') continue
    child.kill('SIGKILL')
    await exited
    return { outboxId: outboxId!, draftId: draftId! }
  }
  throw new Error(`the store child ended without getting ready:\n${stderr}`)
}

describe('a read-only store', () => {
  it('starts, says so at once, answers saves with STORAGE_FAILED, and loses nothing', async () => {
    const { outboxId, draftId } = await crashAfterQueueing(source)
    const view = readOnlyView(source)
    const services = createServices({
      appName: 'Mailroom',
      version: '0.0.0-test',
      dataDir: view,
      platform: process.platform,
      secrets: createMemorySecretStore(),
      extraCa: [testCa()],
      startMailSync: false,
    })
    try {
      const api = createMailApi(services)
      // Found at start-up, before anything tried to write; the outbox could not start and says so.
      expect(services.health.state().storage).toMatchObject({
        code: 'STORAGE_FAILED',
        retryable: false,
        detail: { reason: 'read-only' },
      })
      await waitFor('the outbox to report', () =>
        services.health.state().stopped.some((s) => s.task === 'outbox') ? true : undefined,
      )
      const health = await invokeMailMethod(api, 'getAppHealth', [])
      expect(health).toMatchObject({
        ok: true,
        value: {
          storage: { detail: { reason: 'read-only' } },
          stopped: [{ task: 'outbox', error: { code: 'STORAGE_FAILED' } }],
        },
      })

      // What is there can still be read.
      const drafts = await invokeMailMethod(api, 'listDrafts', [])
      expect(drafts).toMatchObject({
        ok: true,
        value: [{ id: draftId, subject: 'a draft on a read-only store' }],
      })
      const outbox = await invokeMailMethod(api, 'listOutbox', [])
      expect(outbox).toMatchObject({ ok: true, value: [{ id: outboxId, state: 'queued' }] })

      // A save answers why it cannot be done: never INTERNAL.
      const draft = services.compose.getDraft(draftId)
      const content = draftContent(draft)
      const saved = await invokeMailMethod(api, 'saveDraft', [{ ...content, subject: 'edited' }])
      expect(saved).toMatchObject({
        ok: false,
        error: { code: 'STORAGE_FAILED', retryable: false, detail: { reason: 'read-only' } },
      })
      const created = await invokeMailMethod(api, 'createDraft', ['acc', null])
      expect(created).toMatchObject({ ok: false, error: { code: 'STORAGE_FAILED' } })
    } finally {
      await services.close()
      unmount(view)
    }

    // Writable again: everything is still there, and the queued message leaves, once.
    const app = await startSendingApp({ dataDir: source, passwords: { acc: sender.password } })
    try {
      expect(app.services.health.state()).toEqual({ storage: null, stopped: [] })
      expect(app.services.compose.getDraft(draftId).subject).toBe('a draft on a read-only store')
      app.services.outbox.retryNow(outboxId)
      const item = await settled(app.services, outboxId)
      expect(item).toMatchObject({ state: 'sent' })
      await waitFor('delivery', async () =>
        (await fetchByMessageId(to, 'INBOX', item.messageId)).length > 0 ? true : undefined,
      )
      expect(await fetchByMessageId(to, 'INBOX', item.messageId)).toHaveLength(1)
    } finally {
      await app.close({ keepData: true })
    }
  })

  it('a store closed cleanly on a folder that became read-only: the start-up dialog says so, nothing starts', async () => {
    const clean = mkdtempSync(join(tmpdir(), 'mailroom-roclean-'))
    try {
      const app = await startSendingApp({ dataDir: clean })
      await app.close({ keepData: true })
      const view = readOnlyView(clean)
      const errors: string[][] = []
      const outcome = await startApp(
        {
          appName: 'Mailroom',
          version: '0.0.0-test',
          dataDir: view,
          platform: process.platform,
          secrets: createMemorySecretStore(),
          startMailSync: false,
        },
        {
          askRecovery: () => Promise.reject(new Error('not damaged: must not be asked')),
          showStartError: (title, message) => (errors.push([title, message]), Promise.resolve()),
        },
      )
      unmount(view)
      expect(outcome).toEqual({ kind: 'failed' })
      expect(errors).toEqual([['Mailroom cannot start', expect.stringMatching(/data folder is read-only/)]])
    } finally {
      rmSync(clean, { recursive: true, force: true })
    }
  })
})
