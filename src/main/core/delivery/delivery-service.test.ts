import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Mailbox, MessageSummary } from '../../../shared/model/mail'
import { sampleAccount } from '../../../../test/helpers/sample-account'
import { createAccountStore } from '../accounts/account-store'
import { openDatabase } from '../store/database'
import { createDeliveryService, type ReportSource } from './delivery-service'
import { createDeliveryStore } from './delivery-store'

const REPORT = readFileSync(join(__dirname, '../../../../test/fixtures/bounces/postfix-unknown-user.eml'))
const ENVID = 'c8ca33b0-1621-4bd6-9b3d-0a01f648a1a4'
const RCPT = 'nobody-1796681302242@example.test'

const box = (id: string, role: Mailbox['role']): Mailbox => ({
  id,
  accountId: 'a',
  path: id,
  name: id,
  parentPath: null,
  role,
  unread: 1,
  total: 1,
  selectable: true,
})

const reportRow: MessageSummary = {
  id: '7',
  accountId: 'a',
  mailboxId: 'inbox',
  subject: 'Undelivered Mail Returned to Sender',
  from: [{ name: 'Mail Delivery System', address: 'MAILER-DAEMON@mx.example.test' }],
  to: [],
  cc: [],
  date: 0,
  receivedAt: 1_000,
  flags: { seen: false, flagged: false, answered: false, draft: false },
  hasAttachments: false,
  size: REPORT.length,
  messageId: '<report-1@mx>',
  inReplyTo: null,
  references: [],
  preview: null,
  threadId: '3',
  threadSize: 1,
}

function setup(db = openDatabase(':memory:')) {
  if (!createAccountStore(db).get('a')) createAccountStore(db).insert(sampleAccount('a'))
  const store = createDeliveryStore(db)
  const reads: string[] = []
  const flagged: string[] = []
  const filed: unknown[][] = []
  const matched: unknown[] = []
  let changed: ((e: { accountId: string; mailboxId: string }) => void) | undefined
  const mail: ReportSource = {
    listMessages: () => Promise.resolve({ total: 1, offset: 0, items: [reportRow] }),
    getRawMessage: (id) => {
      reads.push(id)
      return Promise.resolve(REPORT)
    },
    setFlags: (ids) => {
      flagged.push(...ids)
      return Promise.resolve()
    },
    findMailboxByRole: (_a, role) => (role === 'inbox' ? box('inbox', 'inbox') : null),
  }
  const service = createDeliveryService({
    store,
    mail,
    onNewMail: () => () => undefined,
    onMailboxChanged: (l) => {
      changed = l
      return () => (changed = undefined)
    },
    filing: { file: (...args) => filed.push(args) },
    onMatched: (m) => matched.push({ accountId: m.accountId, messageId: m.messageId }),
    changeSettleMs: 5,
  })
  const change = (mailboxId: string) => changed?.({ accountId: 'a', mailboxId })
  const settle = async () => {
    await new Promise((r) => setTimeout(r, 30))
    await service.idle()
  }
  return { db, store, service, reads, flagged, filed, matched, change, settle }
}

describe('the delivery service watching the Inbox', () => {
  it('a changed Inbox (first sync, POP3) is looked at: the report is matched, filed, read and announced', async () => {
    const w = setup()
    w.service.recordSent({
      envelopeId: ENVID,
      accountId: 'a',
      messageId: '<m1@x>',
      recipients: [RCPT],
      sentAt: 1,
    })
    w.change('elsewhere') // not an Inbox: nothing read
    w.change('inbox')
    w.change('inbox') // a burst of changes: one pass
    await w.settle()
    expect(w.reads).toEqual(['7'])
    expect(w.filed).toEqual([['a', '7', '<report-1@mx>', '<m1@x>']])
    expect(w.flagged).toEqual(['7'])
    expect(w.matched).toEqual([{ accountId: 'a', messageId: '<m1@x>' }])
    expect(w.service.sentStates(['<m1@x>', '<other@x>'])).toEqual({ '<m1@x>': 'not-delivered' })
    w.service.close()
  })

  it('a report matched in an earlier run is not read again', async () => {
    const first = setup()
    first.service.recordSent({
      envelopeId: ENVID,
      accountId: 'a',
      messageId: '<m1@x>',
      recipients: [RCPT],
      sentAt: 1,
    })
    first.change('inbox')
    await first.settle()
    first.service.close()
    const again = setup(first.db)
    again.change('inbox')
    await again.settle()
    expect(again.reads).toEqual([])
    again.service.close()
  })
})
