/**
 * The sanitizer alone, in Chromium: each sample of the hostile corpus through the reader's
 * sanitizer (bundled as for the renderer) and shown in a sandboxed srcdoc frame as the reader
 * shows it, but with no Content-Security-Policy at all (neither the frame's nor the app's) and no
 * request gate. The local server that stands for the senders' and the page's own origin (for
 * relative URLs) get no request, and the "remote content blocked" count is what the sample's
 * header says. The CSP and the gate are further layers (hostile-corpus.test.ts); this shows the
 * first layer holds by itself. A control first shows that the same frame, given a sample
 * unsanitized, does load remote content, so a request would be seen.
 */
import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { build } from 'esbuild'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from './browser'
import { startHitCounter, type HitCounter } from './hit-counter'
import { fillSample, markerOf, remoteReferencesOf, SAMPLES } from './hostile-setup'

const ENTRY = 'src/renderer/src/lib/sanitizer/mail-sanitizer.ts'
const PAGE = '/__sanitizer-alone.html'

let hc: HitCounter
let origin: Server
let browser: Browser
let page: Page

/**
 * The page's own origin, on loopback like the counting server (Chromium refuses a page that is
 * not on loopback any request to loopback). Anything it is asked for besides the page (a
 * relative URL) counts as a hit too.
 */
async function startOrigin(): Promise<string> {
  origin = createServer((req, res) => {
    if (req.url === '/favicon.ico') return void res.writeHead(404).end() // the browser's own
    if (req.url === PAGE) {
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end('<!DOCTYPE html><html><body></body></html>')
      return
    }
    hc.hits.push(`page:${req.url ?? ''}`)
    res.writeHead(404)
    res.end()
  })
  await new Promise<void>((resolve) => origin.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(origin.address() as AddressInfo).port}`
}

beforeAll(async () => {
  hc = await startHitCounter()
  const bundle = await build({
    entryPoints: [ENTRY],
    bundle: true,
    format: 'iife',
    globalName: 'Sanitizer',
    write: false,
  })
  browser = await launchChromium([hc.chromiumSwitch])
  page = await browser.newPage({ viewport: { width: 1000, height: 800 } })
  await page.goto(`${await startOrigin()}${PAGE}`)
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text })
})
afterAll(async () => {
  await browser?.close()
  await hc?.close()
  origin?.closeAllConnections()
  await new Promise((resolve) => origin?.close(resolve))
})

const sample = (name: string): string =>
  fillSample(readFileSync(join('test/fixtures/hostile', `${name}.html`), 'utf8'), hc)

/** Shows `html` (sanitized unless `raw`) in a sandboxed srcdoc frame without any CSP. */
async function show(html: string, raw = false): Promise<{ blocked: number; marker: string | null }> {
  const shown = await page.evaluate<{ blocked: number; marker: string | null }>(`(async () => {
    const html = ${JSON.stringify(html)}
    const out = ${raw ? '{ head: "", body: html, blockedRemote: 0 }' : 'Sanitizer.sanitizeMessageHtml(html, false)'}
    const frame = document.createElement('iframe')
    frame.setAttribute('sandbox', 'allow-same-origin')
    frame.style.cssText = 'width: 900px; height: 700px'
    frame.srcdoc = ${raw ? 'html' : "'<!DOCTYPE html><html><head>' + out.head + '</head>' + out.body + '</html>'"}
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }))
    document.body.replaceChildren(frame)
    await loaded
    return { blocked: out.blockedRemote, marker: frame.contentDocument.getElementById('marker')?.textContent ?? null }
  })()`)
  // Anything still to come (fonts on layout, images of styled elements) has had its chance.
  await page.waitForTimeout(500)
  return shown
}

describe('the hostile corpus through the sanitizer alone (Chromium, no CSP)', () => {
  it('control: unsanitized, the same frame loads remote content', async () => {
    await show(sample('css-near-misses'), true)
    expect(hc.hits).toContain('https:/import-dq.css')
    await show(sample('svg-near-misses'), true)
    // (Its own style sheet's fill wins over the fill attributes: stroke is one that loads.)
    expect(hc.hits).toContain('https:/stroke.svg')
    // A data: style sheet imports further: why the sanitizer drops @import of data: too.
    expect(hc.hits).toContain('https:/import-in-data.css')
    await show(sample('mxss'), true)
    expect(hc.hits).toContain('page:/x')
    hc.hits.length = 0
  })

  it.each(SAMPLES)('%s: nothing loads, nothing runs, every remote reference counted', async (name) => {
    const shown = await show(sample(name))
    expect(hc.hits).toEqual([])
    expect(shown.marker).toBe(markerOf(name))
    expect(shown.blocked).toBe(remoteReferencesOf(name))
    expect(await page.evaluate('typeof window.pwned')).toBe('undefined')
  })
})
