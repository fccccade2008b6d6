import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  openSample,
  REFUSALS,
  remoteReferencesOf,
  SAMPLES,
  startCorpusApp,
  type CorpusApp,
  type Marked,
} from './hostile-setup'

/**
 * The hostile HTML corpus (test/fixtures/hostile/) through the real reader in Chromium, each sample
 * delivered through Postfix to Dovecot, synced by the app and opened: no script runs (the global
 * every sample's scripts set stays unset, in the page and in the frame), no request reaches the
 * local server that stands for the senders' (remote content stays blocked), nothing outside the
 * message frame changes while the person hovers and clicks in it, and the "remote content
 * blocked" bar counts every remote reference the sample held, also those removed whole (frames,
 * media, link elements, imports). Then the deceptive links. The same corpus without any CSP:
 * sanitizer-alone.test.ts.
 */
let corpus: CorpusApp

/** The message frame's own policy while remote content is blocked (reader/frame-document.ts). */
const FRAME_CSP =
  "default-src 'none'; img-src data: cid:; style-src 'unsafe-inline'; form-action 'none'; base-uri 'none'"

beforeAll(async () => {
  corpus = await startCorpusApp('corpus')
})
afterAll(async () => {
  await corpus?.close()
})

/** The page outside the message frame: URL, title and DOM, the frame's document left out. */
function outside(): Promise<string> {
  return corpus.app.page.evaluate(`(() => {
    const body = document.body.cloneNode(true)
    for (const frame of body.querySelectorAll('iframe')) frame.removeAttribute('srcdoc')
    return JSON.stringify([location.href, document.title, body.innerHTML])
  })()`)
}

/**
 * The same once it has settled: opening a message marks it read, and the unread counts (title,
 * folder) follow a moment later, after the store has changed; both are the app's doing.
 */
async function settledOutside(): Promise<string> {
  const counted = `(() => {
    const rows = document.querySelectorAll('.message-row.unread').length
    const shown = Number(/\\((\\d+) unread\\)/.exec(document.title)?.[1] ?? 0)
    return rows === shown
  })()`
  // (Polled with evaluate: waitForFunction with a string would need eval, which the app's CSP forbids.)
  await expect.poll(() => corpus.app.page.evaluate(counted), { timeout: 10_000 }).toBe(true)
  let last = await outside()
  for (let i = 0; i < 50; i++) {
    await corpus.app.page.waitForTimeout(100)
    const now = await outside()
    if (now === last) return now
    last = now
  }
  return last
}

/** What in the frame's document could run, load or navigate. */
const ACTIVE = `(() => {
  const all = Array.from(document.querySelectorAll('*'))
  const attrs = (test) => all.flatMap((e) => Array.from(e.attributes).filter(test).map((a) => e.localName + '@' + a.name))
  const active = 'script, iframe, frame, object, embed, applet, form, base, link, portal, webview, ' +
    'meta[http-equiv]:not([http-equiv="Content-Security-Policy"])'
  const csp = 'meta[http-equiv="Content-Security-Policy" i]'
  return {
    elements: Array.from(document.querySelectorAll(active), (e) => e.localName),
    handlers: attrs((a) => /^on/i.test(a.name)),
    scriptUrls: attrs((a) => /^[\\s\\u0000-\\u001f]*(javascript|vbscript|data:text)/i.test(a.value)),
    csp: Array.from(document.querySelectorAll(csp), (m) => m.content),
    cspFirst: document.head.querySelector('meta[http-equiv]') === document.head.querySelector(csp),
  }
})()`

describe('the hostile corpus in the reader (Chromium, real servers)', () => {
  it.each(SAMPLES)('%s: no script runs, nothing loads, nothing outside the frame changes', async (name) => {
    const { app, hc } = corpus
    const { page } = app
    const frame = await openSample(app, name)
    const before = await settledOutside()
    const opened = app.openedLinks.length
    await frame.locator('#marker').hover()
    await frame.locator('#marker').click()
    for (const id of ['js', 'data-link', 'link', 'relative-link', 'clobber', 'forged-link']) {
      const el = frame.locator(`#${id}`)
      if ((await el.count()) > 0) await el.first().click({ force: true, timeout: 2000 })
    }
    // Anything a sample could still set off has had its chance (nothing here measures time).
    await page.waitForTimeout(300)
    expect(await outside()).toBe(before)
    expect(await page.evaluate(() => (globalThis as Marked).pwned)).toBeUndefined()
    expect(await page.evaluate(() => typeof (globalThis as Marked).mail?.getMessage)).toBe('function')
    expect(await frame.evaluate(() => typeof (globalThis as Marked).pwned)).toBe('undefined')
    expect(hc.hits).toEqual([])
    // The frame's CSP is the reader's alone and comes first (a <meta> policy governs what follows it).
    expect(await frame.evaluate(ACTIVE)).toEqual({
      elements: [],
      handlers: [],
      scriptUrls: [],
      csp: [FRAME_CSP],
      cspFirst: true,
    })
    // No link can navigate (targets live in data-mailroom-href) and nothing but inline data loads.
    const loads = '[href], [src]:not([src^="data:"]):not([src^="cid:"]), [srcset], [background], [poster]'
    expect(await frame.evaluate(`document.querySelectorAll('${loads}').length`)).toBe(0)
    expect(app.openedLinks.slice(opened)).toEqual([])
    expect(app.pageErrors.filter((e) => !REFUSALS.test(e))).toEqual([])
    // The bar is there exactly when something remote was removed, with the count.
    const remote = remoteReferencesOf(name)
    const bar = page.getByRole('region', { name: 'Remote content blocked' })
    if (remote === 0) expect(await bar.count()).toBe(0)
    else {
      const said = remote === 1 ? 'One remote item was blocked' : `${remote} remote items were blocked`
      expect(await bar.textContent()).toContain(said)
    }
  })
})

describe('deceptive links in the reader', () => {
  const target = (id: string): string =>
    ({
      'url-mismatch': `${corpus.hc.https}/phish`,
      'www-mismatch': `${corpus.hc.https}/phish2`,
      'bare-domain-mismatch': `${corpus.hc.https}/phish3`,
      'mailto-mismatch': 'mailto:attacker@evil.example',
      lookalike: 'https://xn--l-7sba6dbr.com/login',
      'lookalike-same-text': 'https://xn--pple-43d.com/',
    })[id] ?? ''

  it.each([
    'url-mismatch',
    'www-mismatch',
    'bare-domain-mismatch',
    'mailto-mismatch',
    'lookalike',
    'lookalike-same-text',
  ])('%s: marked; a click shows the real target (punycode) and opens nothing until confirmed', async (id) => {
    const { app } = corpus
    const { page } = app
    const frame = await openSample(app, 'deceptive-links')
    const opened = app.openedLinks.length
    const link = frame.locator(`#${id}`)
    expect(await link.getAttribute('data-mailroom-deceptive')).toBeTruthy()
    await link.hover()
    const status = page.getByRole('status').filter({ hasText: 'Link goes to' })
    expect(await status.textContent()).toBe(`Link goes to ${target(id)}`)
    await link.click()
    const dialog = page.getByRole('alertdialog')
    expect(await dialog.locator('.link-target').textContent()).toBe(target(id))
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await dialog.waitFor({ state: 'detached' })
    expect(app.openedLinks.slice(opened)).toEqual([])
  })

  it('opens honest links at once, never file: or smb: links, and a deceptive one only once confirmed', async () => {
    const { app, hc } = corpus
    const { page } = app
    const frame = await openSample(app, 'deceptive-links')
    const opened = app.openedLinks.length
    for (const id of ['honest', 'words']) {
      expect(await frame.locator(`#${id}`).getAttribute('data-mailroom-deceptive')).toBeNull()
    }
    for (const id of ['file-link', 'smb-link']) await frame.locator(`#${id}`).click()
    await frame.locator('#honest').click()
    await frame.locator('#words').click()
    expect(await page.getByRole('alertdialog').count()).toBe(0)
    await expect
      .poll(() => app.openedLinks.slice(opened))
      .toEqual(['https://example.test/news', 'https://example.test/terms'])
    await frame.locator('#lookalike').click()
    await page.getByRole('alertdialog').getByRole('button', { name: /^Open/ }).click()
    await expect.poll(() => app.openedLinks.at(-1)).toBe('https://xn--l-7sba6dbr.com/login')
    expect(app.openedLinks.slice(opened)).toHaveLength(3)
    expect(hc.hits).toEqual([])
  })
})
