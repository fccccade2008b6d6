/**
 * Reply and forward subjects without piled-up prefixes. RFC 5322 §3.6.5 suggests "Re: " once;
 * other clients localize it (German "AW:", Nordic "SV:", Dutch "Antw:", Finnish "VS:", ...) and
 * some count ("Re[2]:"), so all of those are recognised when stripping.
 */
const REPLY_PREFIX = /^\s*(?:re|aw|sv|vs|antw|ref|odp|r)(?:\s*\[\d+\]|\s*\(\d+\))?\s*[:：]\s*/i
const FORWARD_PREFIX = /^\s*(?:fwd?|wg|tr|rv|vb|enc|i)(?:\s*\[\d+\]|\s*\(\d+\))?\s*[:：]\s*/i

function strip(subject: string, prefix: RegExp): string {
  let s = subject
  for (let previous = ''; previous !== s;) {
    previous = s
    s = s.replace(prefix, '')
  }
  return s.trim()
}

/** "Re: Re: AW: Hello" → "Re: Hello"; "Fwd: Hello" → "Re: Fwd: Hello" (the forward stays visible). */
export function replySubject(subject: string): string {
  return `Re: ${strip(subject, REPLY_PREFIX)}`
}

/** "Fwd: Fwd: Hello" → "Fwd: Hello"; "Re: Hello" → "Fwd: Re: Hello". */
export function forwardSubject(subject: string): string {
  return `Fwd: ${strip(subject, FORWARD_PREFIX)}`
}
