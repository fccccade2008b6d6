import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { openDatabase, type Db } from './database'
import type { QueuedAction } from './action-queue'
import { createMailStore, type MailStore } from './mail-store'

let dir: string
let db: Db
let store: MailStore
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mailroom-queue-'))
  db = openDatabase(join(dir, 'store.sqlite'))
  store = createMailStore(db)
})
afterEach(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

const copy: QueuedAction = { kind: 'copy', mailboxId: 1, targetId: 2, items: [] }

it('keeps the in-flight mark of an action across a reopen, and drops it with the action', () => {
  store.queue.enqueue('a', copy)
  const entry = store.queue.next('a')!
  expect(entry.inFlight).toBeUndefined()
  store.queue.markInFlight(entry, { uidValidity: 7, uidNext: 42 })
  db.close()
  db = openDatabase(join(dir, 'store.sqlite'))
  store = createMailStore(db)
  const again = store.queue.next('a')!
  expect(again).toMatchObject({ id: entry.id, inFlight: { uidValidity: 7, uidNext: 42 } })
  store.queue.finish(again)
  expect(db.prepare('SELECT COUNT(*) AS n FROM mail_actions_in_flight').get()).toEqual({ n: 0 })
})

it('drops the marks of a removed account with its actions', () => {
  store.queue.enqueue('a', copy)
  store.queue.markInFlight(store.queue.next('a')!, { uidValidity: 1, uidNext: 1 })
  store.queue.purgeAccount('a')
  expect(store.queue.next('a')).toBeUndefined()
  expect(db.prepare('SELECT COUNT(*) AS n FROM mail_actions_in_flight').get()).toEqual({ n: 0 })
})
