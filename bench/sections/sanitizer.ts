import { build } from 'esbuild'
import { launchChromium } from '../../test/e2e/browser'
import type { BenchSection } from '../types'

/**
 * The message sanitizer (renderer/src/lib/sanitizer) in Chromium, as the reader runs it: a
 * generated newsletter of about 500 KB (a style sheet with media queries, 1,600 table cells
 * with inline styles, remote and inline images, links, an SVG logo), sanitized with remote
 * content blocked and allowed. Reports the median of several runs after a warm-up. Needs no mail
 * stack (`npm run bench -- --only sanitizer`).
 */

/** SANITIZER_ENTRY=<file> measures another version (an older checkout's mail-sanitizer.ts) the same way. */
const ENTRY = process.env['SANITIZER_ENTRY'] ?? 'src/renderer/src/lib/sanitizer/mail-sanitizer.ts'
const RUNS = 15

/** A newsletter of `cells` product cells (about 300 bytes each: 1,600 make ~500 KB). */
export function newsletter(cells: number): string {
  const sheet = Array.from(
    { length: 120 },
    (_, i) =>
      `.c${i} { color: #${(i * 2654435761).toString(16).slice(-6)}; padding: ${i % 20}px; font: 14px/1.4 Helvetica, Arial, sans-serif }\n` +
      `@media only screen and (max-width: ${400 + i}px) { .c${i} { display: block !important; width: 100% !important } }`,
  ).join('\n')
  const rows: string[] = []
  for (let i = 0; i < cells; i++) {
    const img =
      i % 3 === 0
        ? `<img src="https://cdn.shop.example/p/${i}.jpg" width="120" height="90" alt="Product ${i}" style="display:block;border:0">`
        : `<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="1" height="1" alt="">`
    rows.push(
      `<td class="c${i % 120}" style="padding:8px;background:#f${i % 10}f${i % 10}f${i % 10};border-bottom:1px solid #eee" valign="top">` +
        `${img}<a href="https://shop.example/p/${i}?utm_source=news" style="color:#c0392b;text-decoration:none">Item ${i}</a></td>`,
    )
    if (i % 4 === 3) rows.push('</tr><tr>')
  }
  return (
    `<!DOCTYPE html><html><head><meta charset="utf-8"><style><!--\n${sheet}\n--></style></head>` +
    '<body style="margin:0;background:#f4f4f4"><table width="600" align="center" cellpadding="0" cellspacing="0">' +
    '<tr><td><svg width="120" height="40"><defs><linearGradient id="g"><stop offset="0" stop-color="#e74c3c"/></linearGradient></defs>' +
    '<rect width="120" height="40" fill="url(#g)"/></svg></td></tr>' +
    `<tr>${rows.join('')}</tr></table>` +
    '<img src="https://track.example/open.gif?u=1" width="1" height="1" alt=""></body></html>'
  )
}

const sanitizer: BenchSection = async (ctx) => {
  const bundle = await build({
    entryPoints: [ENTRY],
    bundle: true,
    format: 'iife',
    globalName: 'Sanitizer',
    write: false,
  })
  const code = bundle.outputFiles[0]!.text
  const html = newsletter(1600)
  const browser = await launchChromium()
  try {
    const page = await browser.newPage()
    await page.setContent('<!DOCTYPE html><html><body></body></html>')
    await page.addScriptTag({ content: code })
    await page.evaluate(`window.html = ${JSON.stringify(html)}`)
    // A string, not a function: tsx's transform would add helpers the page does not have.
    const result = await page.evaluate<{ blockedMs: number; allowedMs: number; blocked: number }>(`(() => {
      const median = (allow) => {
        Sanitizer.sanitizeMessageHtml(html, allow) // warm-up
        const times = []
        for (let i = 0; i < ${RUNS}; i++) {
          const t = performance.now()
          Sanitizer.sanitizeMessageHtml(html, allow)
          times.push(performance.now() - t)
        }
        return times.sort((a, b) => a - b)[${Math.floor(RUNS / 2)}]
      }
      return {
        blockedMs: median(false),
        allowedMs: median(true),
        blocked: Sanitizer.sanitizeMessageHtml(html, false).blockedRemote,
      }
    })()`)
    ctx.log(
      `${html.length} bytes: ${result.blockedMs.toFixed(1)} ms blocked, ${result.allowedMs.toFixed(1)} ms allowed`,
    )
    return {
      htmlBytes: html.length,
      blockedMedianMs: Math.round(result.blockedMs * 10) / 10,
      allowedMedianMs: Math.round(result.allowedMs * 10) / 10,
      remoteCounted: result.blocked,
    }
  } finally {
    await browser.close()
  }
}

export default sanitizer
