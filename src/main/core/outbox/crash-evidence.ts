/**
 * The crash rule's evidence (docs/architecture.md, Outbox: states and the crash rule). A message
 * whose end of data may have been accepted ('committing' left by a crash, or 'uncertain') is
 * settled as sent only on proof: the server's 250 reply recorded before the crash
 * (outbox-replies.ts), or its Message-ID in the account's Sent folder (a server that files sent
 * mail itself). Without proof a 'committing' row becomes 'uncertain' and stays for the person to
 * settle: it is never resent automatically (no silent duplicate), never dropped (no loss).
 */
import { AppError } from '../../../shared/errors'
import type { OutboxRow, OutboxStore } from './outbox-store'
import { foundInSent, type SentCopyDeps } from './sent-copy'

export interface EvidenceContext {
  store: OutboxStore
  copies: SentCopyDeps
  now: () => number
  /** Marks the row sent and runs what follows a sent message (draft removed, contacts, Sent copy). */
  settleAsSent(row: OutboxRow): void
  changed(accountId: string): void
}

export async function settleFromEvidence(
  ctx: EvidenceContext,
  states: readonly ('committing' | 'uncertain')[],
): Promise<void> {
  const { store } = ctx
  const unproven: OutboxRow[] = []
  for (const row of states.flatMap((s) => store.withState(s))) {
    if (store.replies.of(row.id) !== null) ctx.settleAsSent(row)
    else unproven.push(row)
  }
  const byAccount = new Map<string, OutboxRow[]>()
  for (const row of unproven) byAccount.set(row.accountId, [...(byAccount.get(row.accountId) ?? []), row])
  for (const [accountId, rows] of byAccount) {
    // A Sent folder that cannot be searched now proves nothing: the rows stay unproven.
    const found = await foundInSent(
      accountId,
      rows.map((r) => r.messageId),
      ctx.copies,
    ).catch(() => new Set<string>())
    for (const row of rows) {
      // The person may have settled it (or taken it back) while the folder was searched.
      if (store.get(row.id)?.state !== row.state) continue
      if (found.has(row.messageId)) ctx.settleAsSent(row)
      else if (row.state === 'committing') store.markUncertain(row.id, mayHaveBeenSent(), ctx.now())
    }
    ctx.changed(accountId)
  }
}

function mayHaveBeenSent() {
  return new AppError(
    'CONNECTION_FAILED',
    'Sending was interrupted after the whole message reached the server and before it answered: it may have been sent',
    { retryable: false, detail: { reason: 'may-have-been-sent' } },
  ).toData()
}
