import { simpleParser } from 'mailparser'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SERVER_FAMILIES } from '../servers/families'
import type { TestUser } from '../servers/mail-env'
import { fixtureSource, fixtureView, type ParsedFixture } from '../helpers/message-view'
import {
  addAccount,
  fetchByMessageId,
  imapClient,
  knownUser,
  settled,
  stackAccount,
  startSendingApp,
  waitFor,
} from './helpers/sending'

/** Subjects (and Bcc headers) of every message in the user's Drafts folder. */
async function draftsFolder(user: TestUser): Promise<{ subject: string; bcc: string | undefined }[]> {
  const client = imapClient(user)
  await client.connect()
  try {
    const lock = await client.getMailboxLock('Drafts')
    try {
      const out: { subject: string; bcc: string | undefined }[] = []
      if (!client.mailbox || client.mailbox.exists === 0) return out
      for await (const m of client.fetch('1:*', { source: true, flags: true })) {
        const parsed = await simpleParser(m.source!)
        expect(m.flags?.has('\\Draft')).toBe(true)
        out.push({
          subject: parsed.subject ?? '',
          bcc: parsed.bcc && !Array.isArray(parsed.bcc) ? parsed.bcc.text : undefined,
        })
      }
      return out
    } finally {
      lock.release()
    }
  } finally {
    await client.logout()
  }
}

describe.each(SERVER_FAMILIES)('drafts on $title', (family) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mailroom-drafts-'))
  let user: TestUser
  beforeAll(async () => {
    user = family.createTestUser('drafter')
    const app = await startSendingApp({ dataDir })
    await addAccount(app.services, stackAccount('acc', user), user.password)
    await app.close({ keepData: true })
  })
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

  it('replaces the server copy instead of piling up versions, survives a restart, and is sent later', async () => {
    const bob = await knownUser('bob', family)
    let app = await startSendingApp({ dataDir, passwords: { acc: user.password } })
    const draft = app.services.compose.createDraft('acc', null)
    expect(draft.html).toContain('-- <br>Sënder')
    await app.services.compose.closeDraft({
      ...draft,
      to: bob.address,
      bcc: 'hidden@example.test',
      subject: 'v1',
    })
    expect(await draftsFolder(user)).toEqual([{ subject: 'v1', bcc: 'hidden@example.test' }])
    app.services.compose.saveDraft({ ...draft, to: bob.address, subject: 'v2' })
    await app.services.compose.closeDraft({ ...draft, to: bob.address, subject: 'v3 – final' })
    expect(await draftsFolder(user)).toEqual([{ subject: 'v3 – final', bcc: undefined }])
    await app.close({ keepData: true })

    // A restart: the draft is still there, as last saved, and can be sent.
    app = await startSendingApp({ dataDir, passwords: { acc: user.password } })
    try {
      const reopened = app.services.compose.listDrafts().find((d) => d.id === draft.id)
      expect(reopened).toMatchObject({ to: bob.address, subject: 'v3 – final', state: 'editing' })
      app.services.outbox.setSettings({ undoSeconds: 0 })
      const item = await app.services.compose.sendDraft(reopened!)
      expect(await settled(app.services, item.id)).toMatchObject({ state: 'sent' })
      await waitFor('delivery', async () =>
        (await fetchByMessageId(bob, 'INBOX', item.messageId)).length === 1 ? true : undefined,
      )
      // Sent: the draft is gone, here and on the server.
      expect(app.services.compose.listDrafts().some((d) => d.id === draft.id)).toBe(false)
      await waitFor('the server draft to go', async () =>
        (await draftsFolder(user)).length === 0 ? true : undefined,
      )
    } finally {
      await app.close({ keepData: true })
    }
  })

  it('a burst of sends removes every server copy, in few sessions (no per-user connection limit hit)', async () => {
    const bob = await knownUser('bob', family)
    const app = await startSendingApp({ dataDir, passwords: { acc: user.password } })
    try {
      const drafts = []
      for (let i = 1; i <= 14; i++) {
        const draft = app.services.compose.createDraft('acc', null)
        const content = { ...draft, to: bob.address, subject: `burst ${i}` }
        await app.services.compose.closeDraft(content)
        drafts.push(content)
      }
      expect(await draftsFolder(user)).toHaveLength(14)
      app.services.outbox.setSettings({ undoSeconds: 0 })
      const items = await Promise.all(drafts.map((d) => app.services.compose.sendDraft(d)))
      for (const item of items) expect(await settled(app.services, item.id)).toMatchObject({ state: 'sent' })
      await waitFor('every server draft to go', async () =>
        (await draftsFolder(user)).length === 0 ? true : undefined,
      )
    } finally {
      await app.close({ keepData: true })
    }
  })

  it('copies a draft being typed to the server within the autosave interval', async () => {
    const app = await startSendingApp({
      dataDir,
      passwords: { acc: user.password },
      draftSyncIntervalMs: 200,
    })
    try {
      const draft = app.services.compose.createDraft('acc', null)
      app.services.compose.saveDraft({ ...draft, subject: 'typed, never closed' })
      await waitFor('the autosaved server copy', async () =>
        (await draftsFolder(user)).some((d) => d.subject === 'typed, never closed') ? true : undefined,
      )
      await app.services.compose.deleteDraft(draft.id)
      expect(await draftsFolder(user)).toEqual([])
    } finally {
      await app.close({ keepData: true })
    }
  })

  it('starts replies and forwards from a stored message: threading, quote, and the forwarded files', async () => {
    const fixtures = new Map<string, ParsedFixture>()
    for (const [id, file] of [
      ['m1', 'thread-reply.eml'],
      ['m2', 'with-attachments.eml'],
    ] as const) {
      const f = await fixtureView(file, id)
      f.view.summary.accountId = 'acc'
      fixtures.set(id, f)
    }
    const app = await startSendingApp({
      dataDir,
      passwords: { acc: user.password },
      originalMessages: fixtureSource(fixtures),
    })
    try {
      const reply = await app.services.compose.createReply('m1', 'replyAll')
      expect(reply).toMatchObject({ subject: 'Re: Quarterly numbers', inReplyTo: '<third@example.test>' })
      expect(reply.to).toContain('desk@example.test')
      expect(reply.text).toContain('> Here are the numbers.')
      const fwd = await app.services.compose.createReply('m2', 'forward')
      expect(fwd.attachments.map((a) => [a.filename, a.inline, a.contentId])).toEqual([
        ['logo.png', true, 'logo@example.test'],
        ['report.pdf', false, null],
      ])
      const bob = await knownUser('bob', family)
      app.services.outbox.setSettings({ undoSeconds: 0 })
      const item = await app.services.compose.sendDraft({ ...fwd, to: bob.address })
      await settled(app.services, item.id)
      const [copy] = await waitFor('the forward', async () => {
        const c = await fetchByMessageId(bob, 'INBOX', item.messageId)
        return c.length > 0 ? c : undefined
      })
      const parsed = await simpleParser(copy!)
      expect(parsed.subject).toBe('Fwd: Photos')
      const pdf = parsed.attachments.find((a) => a.filename === 'report.pdf')!
      expect(Buffer.compare(pdf.content, Buffer.from(fixtures.get('m2')!.bytes.get('att-2')!))).toBe(0)
      const logo = parsed.attachments.find((a) => a.filename === 'logo.png')!
      expect(logo.contentId).toBe('<logo@example.test>')
    } finally {
      await app.close({ keepData: true })
    }
  })
})
