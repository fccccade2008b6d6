/**
 * Deterministic, realistic messages for benchmarks: the same seed always yields the same bytes.
 * Shapes roughly as in a real mailbox: mostly plain text, a good share of text+HTML
 * alternatives, some attachments and inline images, threads, and several languages.
 */

/** mulberry32: a tiny seeded PRNG (benchmarks need repeatability, not cryptographic quality). */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const WORDS =
  'the report meeting budget draft review launch invoice customer server backup release notes travel plan team lunch contract update question answer schedule quarterly results design feedback'.split(
    ' ',
  )
const SUBJECTS = [
  'Quarterly report',
  'Re: lunch on Friday?',
  'Grüße aus München – Treffen nächste Woche',
  'Réunion de projet : ordre du jour',
  'お見積もりのご依頼について',
  'Отчёт за неделю',
  'Συνάντηση αύριο',
  'Invoice #{n}',
  'Server maintenance window',
  'Your order has shipped',
]
const PEOPLE = [
  'Alice Martin',
  'Bob Müller',
  'Chloé Dubois',
  '田中 太郎',
  'Иван Петров',
  'Dana Smith',
  'Eve Adams',
]

function encodeWord(text: string): string {
  // RFC 2047 B-encoding for anything outside printable ASCII.
  return /^[\x20-\x7e]*$/.test(text) ? text : `=?UTF-8?B?${Buffer.from(text).toString('base64')}?=`
}

function words(rand: () => number, count: number): string {
  const out: string[] = []
  for (let i = 0; i < count; i++) out.push(WORDS[Math.floor(rand() * WORDS.length)]!)
  return out.join(' ')
}

function paragraphs(rand: () => number, bytes: number): string {
  const lines: string[] = []
  let size = 0
  while (size < bytes) {
    const line = words(rand, 8 + Math.floor(rand() * 6))
    lines.push(line)
    size += line.length + 2
  }
  return lines.join('\r\n')
}

function base64Lines(data: Buffer): string {
  return (data.toString('base64').match(/.{1,76}/g) ?? []).join('\r\n')
}

export interface GeneratedMessage {
  raw: Buffer
  /** Epoch ms of the Date header (also used as the received date). */
  date: number
  seen: boolean
  flagged: boolean
}

/** Message number `n` (1-based) of a mailbox generated from `seed`. */
export function generateMessage(seed: number, n: number, pool: Buffer): GeneratedMessage {
  const rand = prng(seed * 1_000_003 + n)
  const date = Date.UTC(2020, 0, 1) + n * 900_000 + Math.floor(rand() * 600_000)
  const from = PEOPLE[Math.floor(rand() * PEOPLE.length)]!
  const subject = SUBJECTS[Math.floor(rand() * SUBJECTS.length)]!.replace('{n}', String(n))
  const threaded = n > 10 && rand() < 0.3
  const headers = [
    `From: ${encodeWord(from)} <${from
      .split(' ')[0]!
      .toLowerCase()
      .replace(/[^a-z]/g, 'x')}@example.test>`,
    'To: Bench Reader <bench@example.test>',
    `Subject: ${encodeWord(threaded ? `Re: ${subject}` : subject)}`,
    `Date: ${new Date(date).toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <bench-${seed}-${n}@example.test>`,
    ...(threaded
      ? [
          `In-Reply-To: <bench-${seed}-${n - 3}@example.test>`,
          `References: <bench-${seed}-${n - 7}@example.test> <bench-${seed}-${n - 3}@example.test>`,
        ]
      : []),
    'MIME-Version: 1.0',
  ]
  const shape = rand()
  const text = paragraphs(rand, 300 + Math.floor(rand() * 5000))
  let body: string
  if (shape < 0.55) {
    body = ['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', text].join(
      '\r\n',
    )
  } else if (shape < 0.85) {
    const html = `<html><body><p>${text.replace(/\r\n/g, '</p>\r\n<p>')}</p></body></html>`
    body = [
      'Content-Type: multipart/alternative; boundary="alt"',
      '',
      '--alt',
      'Content-Type: text/plain; charset=utf-8',
      '',
      text,
      '--alt',
      'Content-Type: text/html; charset=utf-8',
      '',
      html,
      '--alt--',
    ].join('\r\n')
  } else {
    const related = shape >= 0.95
    const size = related ? 2_000 + Math.floor(rand() * 20_000) : 5_000 + Math.floor(rand() * 115_000)
    const offset = Math.floor(rand() * (pool.length - size))
    const data = pool.subarray(offset, offset + size)
    body = [
      `Content-Type: multipart/${related ? 'related' : 'mixed'}; boundary="mix"`,
      '',
      '--mix',
      related ? 'Content-Type: text/html; charset=utf-8' : 'Content-Type: text/plain; charset=utf-8',
      '',
      related
        ? `<html><body><p>${words(rand, 40)}</p><img src="cid:img${n}@example.test"></body></html>`
        : text,
      '--mix',
      related ? 'Content-Type: image/png' : 'Content-Type: application/pdf; name="document.pdf"',
      related
        ? `Content-ID: <img${n}@example.test>`
        : 'Content-Disposition: attachment; filename="document.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      base64Lines(data),
      '--mix--',
    ].join('\r\n')
  }
  const raw = Buffer.from(`${headers.join('\r\n')}\r\n${body}\r\n`, 'utf8')
  return { raw, date, seen: rand() < 0.7, flagged: rand() < 0.05 }
}
