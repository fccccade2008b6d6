/**
 * Fault injection: the app's process is killed with SIGKILL at random moments (a seeded RNG picks
 * them: FAULT_SEED=<n> replays a schedule) while it sends a burst of messages and while it replays
 * a queue of mail actions, and restarted on the same data folder each time. Checked on the real
 * Postfix and Dovecot: nothing is lost, nothing is delivered or stored twice. Messages the crash
 * rule had to leave "uncertain" (each needs a person's decision) are counted and printed: fewer is
 * better. Bounded: a fixed number of kills, each within a couple of seconds.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { prng } from '../../bench/lib/message-factory'
import { createTestUser } from '../servers/mail-env'
import { MailWorld, testMessage } from './helpers/mail-world'
import type { PlannedAction } from './helpers/replay-child'
import {
  addAccount,
  deliveredBySubject,
  envelopesIn,
  knownUser,
  settled,
  stackAccount,
  startSendingApp,
} from './helpers/sending'
import { TestChild } from './helpers/test-child'
import { draftContent } from '../../src/shared/model/compose'

const SEED = Number(process.env['FAULT_SEED'] ?? 20_240_612)
const KILLS = 4
const MESSAGES = 30

const dirs: string[] = []
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

/** A random whole number of milliseconds in [min, max). */
const between = (rand: () => number, min: number, max: number) => Math.floor(min + rand() * (max - min))
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * What a kill left in the outbox (read from the store the dead process wrote): messages not yet
 * sent, those in the ambiguous window ('committing'), and how many of those had their 250 recorded.
 */
function leftAtKill(dataDir: string) {
  return {
    unsent: countIn(
      dataDir,
      "SELECT COUNT(*) AS n FROM outbox WHERE state IN ('queued', 'sending', 'committing')",
    ),
    committing: countIn(dataDir, "SELECT COUNT(*) AS n FROM outbox WHERE state = 'committing'"),
    withReply: countIn(
      dataDir,
      "SELECT COUNT(*) AS n FROM outbox JOIN outbox_replies USING (id) WHERE state = 'committing'",
    ),
  }
}

/** One number from the store a killed process left (opened read-only, nobody else has it open). */
function countIn(dataDir: string, sql: string): number {
  const db = new Database(join(dataDir, 'mailroom.sqlite'), { readonly: true })
  try {
    return db.prepare<[], { n: number }>(sql).get()?.n ?? 0
  } finally {
    db.close()
  }
}

/** Starts the child, waits for a line `ready` accepts, lets it run `delayMs`, kills it. Returns its lines. */
async function runAndKill(
  script: string,
  env: Record<string, string>,
  ready: (line: string) => boolean,
  delayMs: number,
) {
  const child = TestChild.start(script, env)
  await child.line(ready)
  await pause(delayMs)
  const signal = await child.kill()
  expect(signal, child.stderr).toBe('SIGKILL')
  return child.lines
}

describe(`random SIGKILLs (seed ${SEED})`, () => {
  it('during a burst of sends: every message delivered once or held as uncertain, never twice, none lost', async () => {
    const rand = prng(SEED)
    const dataDir = mkdtempSync(join(tmpdir(), 'mailroom-fault-send-'))
    dirs.push(dataDir)
    const sender = createTestUser('fault-sender')
    const to = await knownUser('fault-rcpt')
    const setup = await startSendingApp({ dataDir })
    await addAccount(setup.services, stackAccount('acc', sender), sender.password)
    await setup.close({ keepData: true })

    const env = {
      DATA_DIR: dataDir,
      ACCOUNT_ID: 'acc',
      PASSWORD: sender.password,
      SEND_TO: to.address,
      SUBJECT: `burst ${SEED}-${Date.now()}`,
    }
    const lines: string[] = []
    const delays: number[] = []
    const atKills: ReturnType<typeof leftAtKill>[] = []
    for (let k = 0; k < KILLS; k++) {
      // The first run queues the burst and is killed while sending it; later runs resume and are
      // killed again (their start-up also settles what the previous kill left).
      delays.push(k === 0 ? between(rand, 400, 2500) : between(rand, 100, 2000))
      const count = k === 0 ? String(MESSAGES) : '0'
      const script = 'test/integration/helpers/outbox-child.ts'
      const started = (l: string) => l === 'started'
      lines.push(...(await runAndKill(script, { ...env, COUNT: count }, started, delays[k]!)))
      atKills.push(leftAtKill(dataDir))
    }

    const app = await startSendingApp({ dataDir, passwords: { acc: sender.password } })
    try {
      const { outbox, compose } = app.services
      // No loss: every message that was queued is still there, every draft made is queued or kept.
      const queuedIds = lines.filter((l) => l.startsWith('queued ')).map((l) => l.split(' ')[1]!)
      expect(queuedIds.filter((id) => !outbox.get(id))).toEqual([])
      const draftIds = lines.filter((l) => l.startsWith('draft ')).map((l) => l.split(' ')[1]!)
      const kept = draftIds.filter((d) => !outbox.forDraft(d))
      for (const d of kept) expect(compose.getDraft(d).state).toBe('editing')
      for (const item of outbox.list()) await settled(app.services, item.id, 60_000)
      const final = outbox.list()
      expect(final.map((i) => i.state).filter((s) => s !== 'sent' && s !== 'uncertain')).toEqual([])

      // Never twice: sent ones arrived once, uncertain ones at most once.
      let delivered = await deliveredBySubject(to)
      const uncertain = final.filter((i) => i.state === 'uncertain')
      for (const item of final) {
        const n = delivered.get(item.subject) ?? 0
        expect({ subject: item.subject, n }).toEqual({
          subject: item.subject,
          n: item.state === 'sent' ? 1 : n,
        })
        expect(n).toBeLessThanOrEqual(1)
      }
      const inWindow = atKills.reduce((n, a) => n + a.committing, 0)
      const proven = atKills.reduce((n, a) => n + a.withReply, 0)
      console.log(
        `[fault-injection] sends: seed ${SEED}, ${KILLS} kills at ${delays.join('/')} ms ` +
          `(unsent then: ${atKills.map((a) => a.unsent).join('/')}), ${final.length} messages queued; ` +
          `${inWindow} killed in the ambiguous window, ${proven} of them settled by a recorded 250; ` +
          `${uncertain.length} uncertain (need a person's decision; ` +
          `${uncertain.filter((i) => delivered.get(i.subject)).length} of them had arrived), ` +
          `${kept.length} drafts not yet queued`,
      )

      // The person settles each uncertain one by what arrived, and sends the drafts a kill left.
      for (const item of uncertain) {
        outbox.resolveUncertain(item.id, delivered.get(item.subject) ? 'was-sent' : 'send-again')
      }
      for (const d of compose.listDrafts().filter((x) => x.to !== '')) {
        const content = draftContent(d)
        await compose.sendDraft(content)
      }
      for (const item of outbox.list()) expect((await settled(app.services, item.id)).state).toBe('sent')
      // Then every message written is in the INBOX exactly once, with one Sent copy.
      const all = outbox.list()
      delivered = await deliveredBySubject(to)
      expect(all.filter((i) => delivered.get(i.subject) !== 1).map((i) => i.subject)).toEqual([])
      expect([...delivered.keys()].filter((k) => k.startsWith(env.SUBJECT)).length).toBe(all.length)
      // And nothing else: the rest of the burst are drafts a kill caught before their claim (empty).
      expect(all.length + compose.listDrafts().filter((d) => d.to === '').length).toBe(MESSAGES)
      const sentCopies = new Map<string, number>()
      for (const e of await envelopesIn(sender, 'Sent')) {
        sentCopies.set(e.messageId, (sentCopies.get(e.messageId) ?? 0) + 1)
      }
      expect(
        all
          .filter((i) => sentCopies.get(i.messageId) !== 1)
          .map((i) => `${i.subject}: ${sentCopies.get(i.messageId) ?? 0} (${i.sentCopy})`),
      ).toEqual([])
    } finally {
      await app.close({ keepData: true })
    }
  })

  it('during a queue replay of mail actions: the server holds every message once, where it belongs, and the store agrees', async () => {
    const rand = prng(SEED + 1)
    const dataDir = mkdtempSync(join(tmpdir(), 'mailroom-fault-replay-'))
    dirs.push(dataDir)
    const before = await MailWorld.open({ dataDir })
    const subjects = Array.from({ length: 40 }, (_, i) => `replay ${i}`)
    for (const subject of subjects) await before.append('INBOX', testMessage({ subject }))
    await before.mail.syncAccount(before.account.id)
    const page = await before.mail.listMessages(before.mailboxId('INBOX'), { offset: 0, limit: 100 })
    const idOf = new Map(page.items.map((m) => [m.subject, m.id]))
    const box = (path: string) => before.mailboxId(path)

    // Each message gets one fate; messages with the same fate go in batches of 1 or 2, and the
    // batches are shuffled (a flag and its move stay in order).
    const fates = ['keep', 'seen', 'flag', 'archive', 'copy', 'delete', 'flag+junk'] as const
    type Fate = (typeof fates)[number]
    const fate = new Map<string, Fate>(subjects.map((s) => [s, fates[Math.floor(rand() * fates.length)]!]))
    const units: PlannedAction[][] = []
    for (const f of fates) {
      const ids = subjects.filter((s) => fate.get(s) === f).map((s) => idOf.get(s)!)
      for (let i = 0; i < ids.length;) {
        const batch = ids.slice(i, (i += 1 + Math.floor(rand() * 2)))
        if (f === 'seen') units.push([{ kind: 'flags', ids: batch, seen: true }])
        if (f === 'flag') units.push([{ kind: 'flags', ids: batch, flagged: true }])
        if (f === 'archive') units.push([{ kind: 'archive', ids: batch }])
        if (f === 'copy') units.push([{ kind: 'copy', ids: batch, target: box('Archive') }])
        if (f === 'delete') units.push([{ kind: 'delete', ids: batch }])
        if (f === 'flag+junk') {
          units.push([
            { kind: 'flags', ids: batch, flagged: true },
            { kind: 'move', ids: batch, target: box('Junk') },
          ])
        }
      }
    }
    const plan = units
      .map((u) => ({ u, key: rand() }))
      .sort((a, b) => a.key - b.key)
      .flatMap(({ u }) => u)
    await before.close({ keepData: true })

    const env = {
      DATA_DIR: dataDir,
      ACCOUNT_ID: before.account.id,
      PASSWORD: before.user.password,
      KIND: 'plan',
    }
    // Each run is killed a random moment after the replay did a random part of the first half of
    // what is left (once it is connected it gets through the queue in a few hundred ms).
    const delays: number[] = []
    const queuedAtKills: number[] = []
    let queued = plan.length
    for (let k = 0; k < KILLS && queued > 0; k++) {
      const below = queued - between(rand, 0, Math.ceil(queued / 2))
      delays.push(between(rand, 0, 20))
      const planned = k === 0 ? JSON.stringify(plan) : '[]'
      const script = 'test/integration/helpers/replay-child.ts'
      const progressed = (l: string) =>
        l === 'flushed' || (/^left \d+$/.test(l) && Number(l.slice(5)) < below)
      const lines = await runAndKill(script, { ...env, PLAN: planned }, progressed, delays[k]!)
      if (lines.includes('flushed')) break
      queued = countIn(dataDir, 'SELECT COUNT(*) AS n FROM mail_actions')
      queuedAtKills.push(queued)
    }

    const after = await MailWorld.open({ dataDir, user: before.user })
    try {
      const left = after.mail.store.queue.count(after.account.id)
      await after.mail.registry.requireSync(after.account.id).flush()
      expect(after.mail.store.queue.count(after.account.id)).toBe(0)
      await after.mail.syncAccount(after.account.id)
      console.log(
        `[fault-injection] replay: seed ${SEED}, ${plan.length} actions, ${queuedAtKills.length} kills ` +
          `part-way through the replay, ${delays.join('/')} ms after an action completed (still queued ` +
          `then: ${queuedAtKills.join('/')}), ` +
          `${left} left for the last restart`,
      )

      const expected: Record<string, string[]> = { INBOX: [], Archive: [], Trash: [], Junk: [] }
      for (const s of subjects) {
        const f = fate.get(s)!
        if (['keep', 'seen', 'flag', 'copy'].includes(f)) expected['INBOX']!.push(s)
        if (f === 'archive' || f === 'copy') expected['Archive']!.push(s)
        if (f === 'delete') expected['Trash']!.push(s)
        if (f === 'flag+junk') expected['Junk']!.push(s)
      }
      for (const [path, want] of Object.entries(expected)) {
        const got = (await envelopesIn(before.user, path)).map((e) => e.subject)
        expect({ path, subjects: got.sort() }).toEqual({ path, subjects: want.sort() })
        // The store equals the server, UID by UID, flag by flag.
        expect({ path, state: after.localState(path) }).toEqual({
          path,
          state: await after.serverState(path),
        })
      }
      const flagsOf = async (path: string) => {
        const bySubject = new Map<string, string[]>()
        const client = await after.admin()
        const lock = await client.getMailboxLock(path)
        try {
          for await (const m of client.fetch('1:*', { envelope: true, flags: true })) {
            bySubject.set(m.envelope?.subject ?? '', [...(m.flags ?? [])])
          }
        } finally {
          lock.release()
        }
        return bySubject
      }
      const inbox = await flagsOf('INBOX')
      const junk = await flagsOf('Junk')
      for (const s of subjects) {
        const f = fate.get(s)!
        if (f === 'seen') expect(inbox.get(s), s).toContain('\\Seen')
        if (f === 'flag') expect(inbox.get(s), s).toContain('\\Flagged')
        if (f === 'flag+junk') expect(junk.get(s), s).toContain('\\Flagged')
      }
    } finally {
      await after.close()
    }
  })
})
