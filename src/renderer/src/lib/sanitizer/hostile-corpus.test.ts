// @vitest-environment jsdom
/**
 * The hostile corpus (test/fixtures/hostile/) through the sanitizer alone, without the message
 * frame's CSP or anything after it: no reference that could load survives (read back by
 * test-support/remote-references.ts, which shares no code with the sanitizer), the remote host
 * appears nowhere but in link targets, and the count for the "remote content blocked" bar is
 * the number of remote references each sample's header lists. The same corpus in Chromium, with
 * the CSP and without it: test/e2e/hostile-corpus.test.ts, test/e2e/sanitizer-alone.test.ts.
 */
import { describe, expect, it } from 'vitest'
import { remoteReferences } from '../../test-support/remote-references'
import { sanitizeMailHtml, sanitizeMessageHtml } from './mail-sanitizer'

const FILES = import.meta.glob<string>('../../../../../test/fixtures/hostile/*.html', {
  query: '?raw',
  import: 'default',
  eager: true,
})

const HOST = 'remote.test'
const fill = (html: string): string =>
  html
    .replaceAll('{{HTTPS}}', `https://${HOST}:4443`)
    .replaceAll('{{HTTP}}', `http://${HOST}:8080`)
    .replaceAll('{{HTTP_HOSTPORT}}', `${HOST}:8080`)

const SAMPLES = Object.entries(FILES)
  .map(([path, raw]) => ({
    name: path.replace(/^.*\/|\.html$/g, ''),
    html: fill(raw),
    remote: Number(/Remote references: (\d+)/.exec(raw)?.[1] ?? NaN),
    marker: /id="marker"[^>]*>([^<]+)</.exec(raw)?.[1] ?? '',
  }))
  .sort((a, b) => a.name.localeCompare(b.name))

const frameDocument = (m: { head: string; body: string }): string =>
  `<!DOCTYPE html><html><head>${m.head}</head>${m.body}</html>`

/** The remote host anywhere but in a link's target (kept for the person, never loaded). */
function hostOutsideLinkTargets(html: string): string[] {
  const doc = new DOMParser().parseFromString(html, 'text/html')
  const found: string[] = []
  for (const el of Array.from(doc.querySelectorAll('*'))) {
    for (const attr of Array.from(el.attributes)) {
      // Link targets, shown to people; data: images never load anything of their own.
      if (/^(data-mailroom-href|data-mailroom-deceptive|title|href)$/.test(attr.name)) continue
      if (/^\s*data:/i.test(attr.value)) continue
      if (attr.value.includes(HOST)) found.push(`${el.localName}@${attr.name}=${attr.value}`)
    }
    if (el.localName === 'style' && el.textContent?.includes(HOST)) found.push(`style: ${el.textContent}`)
  }
  return found
}

describe('the hostile corpus through the sanitizer alone (no CSP)', () => {
  it('has samples, each with its count of remote references', () => {
    expect(SAMPLES.length).toBeGreaterThanOrEqual(17)
    for (const s of SAMPLES) expect(s.remote, s.name).toBeGreaterThanOrEqual(0)
  })

  it.each(SAMPLES)('$name: nothing that could load survives; the bar counts every remote reference', (s) => {
    const out = sanitizeMessageHtml(s.html, false)
    const doc = frameDocument(out)
    expect(remoteReferences(doc)).toEqual([])
    expect(hostOutsideLinkTargets(doc)).toEqual([])
    expect(out.blockedRemote).toBe(s.remote)
    const parsed = new DOMParser().parseFromString(doc, 'text/html')
    // Nothing navigable either: link targets live in data-mailroom-href.
    expect(Array.from(parsed.querySelectorAll('*')).filter((e) => e.hasAttribute('href'))).toEqual([])
    // The message is still there (for a frameset, its noframes content).
    expect(parsed.getElementById('marker')?.textContent).toBe(s.marker)
  })

  it.each(SAMPLES)('$name: quoted in the composer, nothing that could load survives', (s) => {
    const out = sanitizeMailHtml(s.html)
    expect(remoteReferences(`<body>${out}</body>`)).toEqual([])
    expect(hostOutsideLinkTargets(`<body>${out}</body>`)).toEqual([])
  })

  it.each(SAMPLES)('$name: with remote content allowed, https is all that may load', (s) => {
    const out = sanitizeMessageHtml(s.html, true)
    expect(out.blockedRemote).toBe(0)
    const left = remoteReferences(frameDocument(out))
    expect(left.filter((r) => !r.includes(`https://${HOST}:4443/`))).toEqual([])
  })
})
