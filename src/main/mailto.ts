/**
 * A mailto: link the system handed to the app (the first start's arguments, a second instance's,
 * or macOS's open-url) becomes a draft in the first account, and the renderer opens it
 * (`compose:open`). Plain Node: the Electron bootstrap only passes the URL on.
 */
import { AppError } from '../shared/errors'
import { escapeHtml } from '../shared/mail/html-text'
import { parseMailto } from '../shared/mail/mailto'
import { draftContent, type Draft } from '../shared/model/compose'
import { toErrorData } from './core/store/storage-errors'
import type { Services } from './services'

/** The mailto: URL among a process's arguments, if any (Windows and Linux pass it as one). */
export function mailtoArgument(argv: readonly string[]): string | undefined {
  return argv.find((a) => /^mailto:/i.test(a))
}

export function openMailto(services: Pick<Services, 'accounts' | 'compose' | 'events'>, url: string): Draft {
  const link = parseMailto(url)
  const [account] = services.accounts.list()
  if (!account) {
    throw new AppError('ACCOUNT_NOT_FOUND', 'Add an account first: the link opens a message from it', {
      detail: { field: 'accountId' },
    })
  }
  const created = services.compose.createDraft(account.id, null)
  // The link's text goes above the signature the new draft starts with, in the draft's format.
  const lines = link.body === '' ? [] : link.body.split('\n')
  services.compose.saveDraft({
    ...draftContent(created),
    to: link.to.join(', '),
    cc: link.cc.join(', '),
    bcc: link.bcc.join(', '),
    subject: link.subject,
    html: lines.map((line) => `<p>${escapeHtml(line) || '<br>'}</p>`).join('') + created.html,
    text: lines.length === 0 ? created.text : `${link.body}\n${created.text}`,
    inReplyTo: link.inReplyTo,
    references: link.inReplyTo ? [link.inReplyTo] : [],
  })
  const draft = services.compose.getDraft(created.id)
  services.events.emit('compose:open', { draft })
  return draft
}

export interface MailtoInbox {
  /** A link arrived (at any time: before the window exists it waits). */
  receive(url: string): void
  /** The window is there: open what waited, and from now on open links at once. */
  ready(services: Pick<Services, 'accounts' | 'compose' | 'events'>): void
}

/** Links that arrive before the app is ready wait; a bad link is a background error the person sees. */
export function createMailtoInbox(first: string | undefined): MailtoInbox {
  const waiting: string[] = first ? [first] : []
  let target: Pick<Services, 'accounts' | 'compose' | 'events'> | undefined
  const open = (s: NonNullable<typeof target>, url: string) => {
    try {
      openMailto(s, url)
    } catch (err) {
      s.events.emit('app:error', { error: toErrorData(err) })
    }
  }
  return {
    receive(url) {
      if (target) open(target, url)
      else waiting.push(url)
    },
    ready(services) {
      target = services
      for (const url of waiting.splice(0)) open(services, url)
    },
  }
}
