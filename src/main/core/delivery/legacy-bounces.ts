/**
 * Reports without a message/delivery-status part, recognised by the fixed text their software
 * writes (no standard describes them): qmail's (QSBMF), Exim's classic report, Exchange's before
 * 2007 and Gmail's older one. Each names the recipients in its text and returns the message, or
 * its headers, after a fixed separator or as an attached message.
 */
import type { DeliveryAction, RecipientDelivery } from '../../../shared/model/delivery'
import { enhancedStatusOf } from '../../../shared/mail/enhanced-status'
import type { BounceShape } from './bounce-types'

export interface LegacyReport {
  shape: Exclude<BounceShape, 'rfc3464'>
  recipients: RecipientDelivery[]
  /** The text after the separator that introduces the returned message, when there is one. */
  returned: string | null
}

const ADDRESS = /[^\s<>()"',;:]+@[^\s<>()"',;:]+[A-Za-z0-9]/

function entry(recipient: string, reason: string, action: DeliveryAction, at: number): RecipientDelivery {
  const diagnostic = reason.replace(/\s+/g, ' ').trim()
  return { recipient, action, status: enhancedStatusOf(diagnostic), diagnostic: diagnostic || null, at }
}

function after(text: string, marker: RegExp): string | null {
  const m = marker.exec(text)
  return m ? text.slice(m.index + m[0].length).replace(/^\r?\n/, '') : null
}

/** qmail: "<addr>:" then the reason, one paragraph per recipient (QSBMF). */
function qmail(text: string, at: number): LegacyReport {
  const [report = ''] = text.split(/^--- Below this line is a copy of the message\.$/m)
  const recipients = [
    ...report.matchAll(/^<([^<>\s]+@[^<>\s]+)>:[ \t]*\r?\n([\s\S]*?)(?=\r?\n[ \t]*\r?\n|$)/gm),
  ].map((m) => entry(m[1]!, m[2]!, 'failed', at))
  return {
    shape: 'qmail',
    recipients,
    returned: after(text, /^--- Below this line is a copy of the message\.$/m),
  }
}

/** Exim: an indented address, then its more indented reason lines. */
function exim(text: string, at: number): LegacyReport {
  const delayed = /has not yet been delivered/i.test(text)
  const start =
    /(The following address\(es\) failed:|not yet been delivered (?:is|are):|still pending:)/i.exec(text)
  const section = start ? text.slice(start.index + start[0].length) : ''
  const body = section.split(/^------ /m)[0] ?? ''
  const recipients: RecipientDelivery[] = []
  const lines = body.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const m = /^ {1,3}(\S+@\S+?)(?:\s|$)/.exec(lines[i]!)
    if (!m) continue
    const reason: string[] = []
    while (i + 1 < lines.length && /^ {4,}\S/.test(lines[i + 1]!)) reason.push(lines[++i]!)
    recipients.push(entry(m[1]!.replace(/^<|>$/g, ''), reason.join(' '), delayed ? 'delayed' : 'failed', at))
  }
  const returned = after(
    text,
    /^------ This is a copy of the message(?:'s headers|, including all the headers)\. ------$/m,
  )
  return { shape: 'exim', recipients, returned }
}

/** Exchange before 2007: the administrators' section lists each address with "#5xx x.y.z ... ##". */
function exchange(text: string, at: number): LegacyReport {
  const recipients: RecipientDelivery[] = []
  const diag = [...text.matchAll(/^\s*(\S+@\S+)\s*\r?\n\s*(#\d{3}[^\r\n]*)/gm)]
  for (const m of diag)
    recipients.push(entry(m[1]!.replace(/^<|>$/g, ''), m[2]!.replace(/^#|##\s*$/g, ''), 'failed', at))
  if (recipients.length === 0) {
    const section = after(text, /Delivery has failed to these recipients or groups:/i) ?? ''
    const first = section.split(/\r?\n\s*\r?\n\s*\r?\n/)[0] ?? ''
    for (const m of first.matchAll(new RegExp(ADDRESS.source, 'g')))
      recipients.push(entry(m[0], first, 'failed', at))
  }
  return { shape: 'exchange', recipients, returned: null }
}

/** Gmail's older report: the indented recipients after "Delivery to the following recipient ...". */
function gmail(text: string, at: number): LegacyReport {
  const delayed = /has been delayed/i.test(text)
  const section =
    after(text, /Delivery to the following recipients? (?:failed permanently|has been delayed):/i) ?? ''
  const [list = '', ...rest] = section.split(/\r?\n[ \t]*\r?\n(?=\S)/)
  // The details run to the returned message: the other server's words may follow a blank line.
  const details =
    /Technical details of (?:permanent|temporary) failure:\s*([\s\S]*?)(?:^----- Original message -----$|$(?![\s\S]))/im.exec(
      rest.join('\n\n'),
    )
  const reason = details?.[1] ?? ''
  const recipients = [...list.matchAll(new RegExp(ADDRESS.source, 'g'))].map((m) =>
    entry(m[0], reason, delayed ? 'delayed' : 'failed', at),
  )
  return { shape: 'gmail', recipients, returned: after(text, /^----- Original message -----$/m) }
}

/** The shape of a report's text, or null when it is none of the known ones. */
export function readLegacyReport(text: string, at: number): LegacyReport | null {
  if (/^Hi\. This is the qmail-send program/m.test(text)) return qmail(text, at)
  if (/This message was created automatically by mail delivery software/i.test(text)) return exim(text, at)
  if (/Delivery has failed to these recipients or groups:/i.test(text)) return exchange(text, at)
  if (/Delivery to the following recipients? (?:failed permanently|has been delayed):/i.test(text))
    return gmail(text, at)
  return null
}
