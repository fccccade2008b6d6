/** Bodies and attachments for the demo mailbox: HTML newsletters, a PNG, a PDF, CSV, iCalendar. */
import { crc32, deflateSync } from 'node:zlib'

/** Deterministic pseudo-random numbers (mulberry32): the same seed gives the same mailbox. */
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

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}

/** A small PNG of one colour with a lighter diagonal: enough to show inline images work. */
export function png(size: number, [r, g, b]: [number, number, number]): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header.set([8, 2, 0, 0, 0], 8) // 8-bit RGB
  const rows: number[] = []
  for (let y = 0; y < size; y++) {
    rows.push(0)
    for (let x = 0; x < size; x++) {
      const light = Math.abs(x - y) < size / 8 ? 90 : 0
      rows.push(Math.min(255, r + light), Math.min(255, g + light), Math.min(255, b + light))
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/** A one-page PDF with a few lines of text (offsets computed, so readers open it). */
export function pdf(lines: readonly string[]): Buffer {
  const text = lines
    .map((l, i) => `BT /F1 12 Tf 72 ${720 - i * 18} Td (${l.replace(/[()\\]/g, '\\$&')}) Tj ET`)
    .join('\n')
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(text)} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]
  let out = '%PDF-1.4\n'
  const offsets: number[] = []
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out))
    out += `${i + 1} 0 obj\n${o}\nendobj\n`
  })
  const xref = Buffer.byteLength(out)
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  out += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(out, 'latin1')
}

export function csv(rows: readonly (readonly (string | number)[])[]): string {
  return (
    rows
      .map((r) =>
        r.map((c) => (/[",\n]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : c)).join(','),
      )
      .join('\r\n') + '\r\n'
  )
}

const ics = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')

/** An iCalendar invitation (RFC 5545). */
export function calendar(uid: string, summary: string, start: Date, hours: number): string {
  const end = new Date(start.getTime() + hours * 3_600_000)
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Mailroom demo//EN',
    'BEGIN:VEVENT',
    `UID:${uid}`,
    `DTSTAMP:${ics(start)}`,
    `DTSTART:${ics(start)}`,
    `DTEND:${ics(end)}`,
    `SUMMARY:${summary}`,
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n')
}

/**
 * A newsletter as senders really make them: table layout, a <style> block, an inline logo
 * (cid:), remote images and a tracking pixel (which the reader blocks until allowed).
 */
export function newsletterHtml(opts: {
  brand: string
  colour: string
  remoteHost: string
  issue: number
  headline: string
  items: readonly [string, string][]
}): string {
  const cards = opts.items
    .map(
      ([title, text], i) => `<tr><td style="padding:12px 0;border-bottom:1px solid #eee">
<img src="https://${opts.remoteHost}/img/issue-${opts.issue}-${i}.jpg" width="120" height="80" alt="" style="float:right;margin-left:12px;border-radius:6px">
<h3 style="margin:0 0 4px;color:${opts.colour}">${title}</h3><p style="margin:0">${text}</p>
<p style="margin:6px 0 0"><a href="https://${opts.remoteHost}/r/${opts.issue}/${i}">Read more</a></p></td></tr>`,
    )
    .join('\n')
  return `<!doctype html><html><head><style>
body{font-family:Georgia,serif;background:#f4f1ea;margin:0}
.wrap{max-width:600px;margin:0 auto;background:#fff;padding:20px}
h1{font-size:22px;color:${opts.colour}} .foot{font-size:12px;color:#777}
</style></head><body><div class="wrap">
<table width="100%" cellpadding="0" cellspacing="0"><tr><td><img src="cid:logo@demo" width="48" height="48" alt="${opts.brand}">
<span style="font-size:20px;font-weight:bold;color:${opts.colour};vertical-align:middle"> ${opts.brand}</span></td></tr>
<tr><td><h1>${opts.headline}</h1></td></tr>
${cards}
</table>
<p class="foot">Issue ${opts.issue}. You receive this because you subscribed at ${opts.remoteHost}.
<a href="https://${opts.remoteHost}/unsubscribe">Unsubscribe</a></p>
<img src="https://${opts.remoteHost}/open.gif?issue=${opts.issue}" width="1" height="1" alt="">
</div></body></html>`
}
