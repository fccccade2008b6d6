/**
 * Hostile HTML in the real reader: a message with scripts, event handlers and remote content is
 * delivered to Dovecot over SMTP/LMTP, synced by the app, and opened in Chromium. No script of it
 * runs (in the page or the frame), nothing reaches the "remote" server until the person allows
 * remote content, and then the images load.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestUser, testCa } from '../servers/mail-env'
import { startApp, type AppUnderTest } from './harness'
import { startHitCounter, type HitCounter } from './hit-counter'
import { addImapAccount, deliverOverSmtp, waitForInbox } from './reader-helpers'

type Marked = typeof globalThis & { pwned?: unknown }

const REFUSALS =
  /Content Security Policy|Blocked script execution in 'about:srcdoc' because the document's frame is sandboxed/

function hostileHtml(hc: HitCounter): string {
  return `<!doctype html><html><head>
<meta http-equiv="refresh" content="0;url=${hc.https}/refresh">
<link rel="stylesheet" href="${hc.https}/link.css">
<style>@import url(${hc.https}/import.css); body{background-image:url('${hc.https}/bg.png')}
@font-face{font-family:x;src:url(${hc.https}/font.woff2)} p{font-family:x}</style>
<script>window.pwned = 'script'; try { parent.pwned = 'parent' } catch (e) {}</script>
</head><body onload="window.pwned='body-onload'">
<h1 id="greeting" onmouseover="window.pwned='mouseover'" onclick="window.pwned='click'">Quarterly report</h1>
<p>Please review the numbers.</p>
<img id="pixel" src="${hc.https}/pixel.png" onerror="window.pwned='onerror'" onload="window.pwned='onload'" alt="pixel">
<img srcset="${hc.https}/srcset.png 2x" src="${hc.http}/plain.png" alt="plain">
<svg onload="window.pwned='svg'"><image href="${hc.https}/svg.png" width="10" height="10"/></svg>
<details open ontoggle="window.pwned='toggle'"><summary>More</summary>x</details>
<iframe src="javascript:parent.pwned='iframe'"></iframe>
<form action="${hc.https}/post"><input name="q" autofocus onfocus="window.pwned='focus'"></form>
<p><a id="js" href="javascript:window.pwned='js-link'">Open the report</a>
<a id="real" href="https://example.test/report">the report page</a>
<a id="fake" href="${hc.https}/phish">https://bank.example/login</a></p>
</body></html>`
}

describe('hostile HTML in the reader (Chromium, real servers)', () => {
  let app: AppUnderTest
  let hc: HitCounter
  beforeAll(async () => {
    hc = await startHitCounter()
    app = await startApp({ extraCa: [testCa()], browserArgs: [hc.chromiumSwitch] })
    const user = createTestUser('hostile')
    await deliverOverSmtp(user, {
      from: 'Mallory <mallory@example.test>',
      subject: 'Quarterly report (hostile)',
      html: hostileHtml(hc),
      text: 'Quarterly report',
    })
    // On the server before the app's first sync, so the test does not depend on IDLE timing.
    await waitForInbox(user, 1)
    await addImapAccount(app, user)
  })
  afterAll(async () => {
    await app?.close()
    await hc?.close()
  })

  it('shows the message with no script running and nothing loaded from the network', async () => {
    const { page } = app
    const row = page.getByRole('option', { name: /Quarterly report \(hostile\)/ })
    await row.waitFor({ timeout: 60_000 })
    await row.click()
    const frameEl = page.getByTitle('Message content')
    await frameEl.waitFor()
    expect(await frameEl.getAttribute('sandbox')).toBe('allow-same-origin')
    const frame = (await frameEl.elementHandle()).contentFrame()
    const message = (await frame)!
    await message.waitForFunction("document.readyState === 'complete'")
    await message.getByText('Quarterly report').hover()
    await message.getByText('Quarterly report').click()
    await message.locator('#js').click()

    expect(await page.evaluate(() => (globalThis as Marked).pwned)).toBeUndefined()
    // The test can look into the frame (so the next check means something), and nothing set the global.
    expect(await message.evaluate("document.getElementById('greeting').textContent")).toBe('Quarterly report')
    expect(await message.evaluate(() => (globalThis as Marked).pwned)).toBeUndefined()
    // Every subresource of the frame has finished (or been refused): none reached the server.
    expect(hc.hits).toEqual([])
    expect(await message.evaluate("document.querySelectorAll('[href], script, iframe, form').length")).toBe(0)

    const bar = page.getByRole('region', { name: 'Remote content blocked' })
    expect(await bar.textContent()).toMatch(/remote items were blocked/)
    // The only page errors are the browser refusing things: what the CSP forbids, and script in the
    // sandboxed frame (the test tool's own probes of the frame's main world are refused too).
    expect(app.pageErrors.filter((e) => !REFUSALS.test(e))).toEqual([])
  })

  it('opens real links outside the app only, and asks before a deceptive one', async () => {
    const { page } = app
    const message = page.frameLocator('iframe[title="Message content"]')
    await message.locator('#real').hover()
    expect(await page.getByRole('status').filter({ hasText: 'Link goes to' }).textContent()).toBe(
      'Link goes to https://example.test/report',
    )
    await message.locator('#real').click()
    await expect.poll(() => app.openedLinks).toEqual(['https://example.test/report'])
    await message.locator('#fake').click()
    const dialog = page.getByRole('alertdialog')
    expect(await dialog.textContent()).toContain(`${hc.https}/phish`)
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    expect(app.openedLinks).toEqual(['https://example.test/report'])
    expect(hc.hits).toEqual([])
  })

  it('loads remote images once the person allows it, still without running scripts', async () => {
    const { page } = app
    await page.getByRole('button', { name: 'Load remote content' }).click()
    await expect.poll(() => hc.hits, { timeout: 20_000 }).toContain('https:/pixel.png')
    const handle = await page.getByTitle('Message content').elementHandle()
    const message = (await handle.contentFrame())!
    await message.waitForFunction("document.getElementById('pixel')?.complete === true")
    expect(await message.evaluate("document.getElementById('pixel').naturalWidth")).toBe(1)
    expect(hc.hits).not.toContain('http:/plain.png')
    expect(await page.evaluate(() => (globalThis as Marked).pwned)).toBeUndefined()
    expect(await message.evaluate(() => (globalThis as Marked).pwned)).toBeUndefined()
    expect(await page.getByRole('region', { name: 'Remote content blocked' }).count()).toBe(0)
  })
})
