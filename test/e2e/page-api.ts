/**
 * The page's own API (window.mail, the real preload bridge over the test transport) called from a
 * test, as the renderer calls it: every answer crosses the real ipc/register.ts and is recorded by
 * the bridge.
 */
import type { Page } from 'playwright-core'
import type { MailApi } from '../../src/shared/ipc/contract'
import type { Result } from '../../src/shared/ipc/result'
import type { DraftContent } from '../../src/shared/model/compose'

type PageMail = { mail: Record<string, (...x: unknown[]) => Promise<unknown>> }

/** Calls window.mail.<method> in the page and unwraps the Result (a failure throws its AppErrorData). */
export async function callInPage<M extends keyof MailApi>(
  page: Page,
  method: M,
  ...args: Parameters<MailApi[M]>
): Promise<Awaited<ReturnType<MailApi[M]>>> {
  const result = await page.evaluate(([m, a]) => (globalThis as unknown as PageMail).mail[m]!(...a), [
    method,
    args,
  ] as const)
  const r = result as Result<Awaited<ReturnType<MailApi[M]>>>
  if (!r.ok) throw Object.assign(new Error(r.error.message), r.error)
  return r.value
}

/** The fields of a draft the API takes back (it refuses unknown keys). */
export function draftContent(d: DraftContent): DraftContent {
  const { id, accountId, identityId, to, cc, bcc, subject, format, html, text, inReplyTo, references } = d
  return { id, accountId, identityId, to, cc, bcc, subject, format, html, text, inReplyTo, references }
}
