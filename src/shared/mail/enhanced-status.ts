/**
 * RFC 3463 enhanced mail system status codes ("5.1.1") in words. Pure: the renderer shows a server's
 * answer with them, core writes delivery reports with them.
 */

/** The words for a subject.detail pair; the class (2/4/5) says whether it passed, may pass or failed. */
const DETAIL: Readonly<Record<string, string>> = {
  '0.0': 'other or undefined status',
  '1.0': 'address problem',
  '1.1': 'no such user',
  '1.2': 'no such domain',
  '1.3': 'malformed address',
  '1.4': 'ambiguous address',
  '1.5': 'address is valid',
  '1.6': 'mailbox has moved',
  '1.7': 'bad sender address',
  '1.8': 'bad sender domain',
  '1.10': 'the domain accepts no mail (null MX)',
  '2.0': 'mailbox problem',
  '2.1': 'mailbox disabled',
  '2.2': 'mailbox full',
  '2.3': 'message too large for the mailbox',
  '2.4': 'mailing list expansion problem',
  '3.0': 'mail system problem',
  '3.1': 'mail system full',
  '3.2': 'system not accepting mail',
  '3.3': 'feature not supported by the receiving system',
  '3.4': 'message too large for the system',
  '3.5': 'system not configured correctly',
  '4.0': 'network or routing problem',
  '4.1': 'no answer from the receiving server',
  '4.2': 'connection dropped',
  '4.3': 'routing server failure',
  '4.4': 'unable to route',
  '4.5': 'mail system congested',
  '4.6': 'routing loop',
  '4.7': 'delivery time expired',
  '5.0': 'protocol problem',
  '5.1': 'invalid command',
  '5.2': 'syntax error',
  '5.3': 'too many recipients',
  '5.4': 'invalid command arguments',
  '5.5': 'wrong protocol version',
  '6.0': 'message content problem',
  '6.1': 'media not supported',
  '6.2': 'conversion required and prohibited',
  '6.3': 'conversion required but not supported',
  '6.4': 'conversion with loss performed',
  '6.5': 'conversion failed',
  '6.7': 'non-ASCII address not supported',
  '7.0': 'security or policy problem',
  '7.1': 'refused by policy',
  '7.2': 'mailing list expansion prohibited',
  '7.3': 'security conversion required but not possible',
  '7.4': 'security features not supported',
  '7.5': 'cryptographic failure',
  '7.6': 'cryptographic algorithm not supported',
  '7.7': 'message integrity failure',
  // RFC 4954 §6 (SMTP AUTH).
  '7.8': 'authentication credentials invalid',
  '7.9': 'authentication mechanism too weak',
  '7.11': 'encryption required',
  // RFC 7372 (email authentication status codes).
  '7.20': 'no passing DKIM signature',
  '7.23': 'SPF validation failed',
  '7.24': 'SPF validation error',
  '7.25': 'reverse DNS validation failed',
  '7.26': 'multiple authentication checks failed',
  '7.27': 'the sender address accepts no mail (null MX)',
}

const CLASS_WORDS: Readonly<Record<string, string>> = {
  '2': 'success',
  '4': 'temporary failure',
  '5': 'permanent failure',
}

/** RFC 3463 §2: class "." subject "." detail; subject and detail are 1 to 3 digits. */
const CODE = /(?<![\d.])([245])\.(\d{1,3})\.(\d{1,3})(?!\d|\.\d)/

/** The first enhanced status code in a server's answer ("550 5.1.1 <x>: ...") or a DSN field. */
export function enhancedStatusOf(text: string): string | null {
  const m = CODE.exec(text)
  return m ? `${m[1]}.${Number(m[2])}.${Number(m[3])}` : null
}

/** "no such user" for 5.1.1; the subject's general words, then the class's, for codes not listed. */
export function statusWords(code: string): string {
  const [cls = '', subject = '', detail = ''] = code.split('.')
  return DETAIL[`${subject}.${detail}`] ?? DETAIL[`${subject}.0`] ?? CLASS_WORDS[cls] ?? 'unknown status'
}

/** "no such user (5.1.1)" for a server's answer with a code, or null when it carries none. */
export function describeServerAnswer(text: string): string | null {
  const code = enhancedStatusOf(text)
  return code ? `${statusWords(code)} (${code})` : null
}
