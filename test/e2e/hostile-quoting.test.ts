import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callInPage } from './page-api'
import { markerOf, SAMPLES, startCorpusApp, subjectOf, type CorpusApp, type Marked } from './hostile-setup'

/**
 * The hostile corpus quoted: each sample answered and forwarded (the core's reply and forward
 * builders), each draft then opened in the real composer in Chromium, which loads it through the
 * composer's sanitizer into the editor. Nothing of the attack may survive into the editor, and
 * nothing may run or load while it is shown.
 */
let corpus: CorpusApp

beforeAll(async () => {
  corpus = await startCorpusApp('quoting')
})
afterAll(async () => {
  await corpus?.close()
})

/** The editor's HTML and every resource-bearing attribute in it. */
const EDITOR = `(() => {
  const el = document.querySelector('[data-testid="composer-body"] .tiptap')
  const attrs = ['src', 'srcset', 'background', 'style', 'poster', 'data', 'action']
  return {
    html: el.innerHTML,
    resources: Array.from(el.querySelectorAll('*')).flatMap((e) => attrs.map((a) => e.getAttribute(a) ?? '')).filter(Boolean),
  }
})()`

describe('the hostile corpus quoted in replies and forwards', () => {
  it.each(SAMPLES)('%s: reply and forward carry no script, handler or remote resource', async (name) => {
    const { app, hc, account } = corpus
    const { page } = app
    // The app syncs the account in the background: wait until the sample is in the store.
    const find = async () => {
      const inbox = (await callInPage(page, 'listMailboxes', account.id)).find((m) => m.role === 'inbox')
      if (!inbox) return undefined
      const list = await callInPage(page, 'listMessages', inbox.id, { offset: 0, limit: 100 })
      return list.items.find((m) => m.subject === subjectOf(name))
    }
    await expect.poll(find, { timeout: 30_000 }).toBeDefined()
    const message = (await find())!
    for (const kind of ['reply', 'forward'] as const) {
      const draft = await callInPage(page, 'createReply', message.id, kind)
      try {
        if (!(await page.getByTestId('drafts').isVisible())) await page.getByTestId('open-outbox').click()
        await page.getByTestId('drafts').getByRole('button', { name: draft.subject }).first().click()
        await page.locator('[data-testid="composer-body"] .tiptap').waitFor()
        const { html, resources } = await page.evaluate<{ html: string; resources: string[] }>(EDITOR)
        expect(html).toContain(kind === 'reply' ? '<blockquote' : 'Forwarded')
        // The sample itself is there (quoted through the sanitizer), not dropped whole.
        expect(html).toContain(markerOf(name))
        expect(html).not.toMatch(
          /<(script|iframe|frame|object|embed|applet|form|svg|math|style|link|meta|base|portal|webview)\b/i,
        )
        expect(html).not.toMatch(/\son[a-z]+\s*=/i)
        expect(html).not.toMatch(/javascript:|vbscript:|data:text/i)
        const remote = hc.http.replace(/^http:/, '').replace(/:\d+$/, '')
        for (const r of resources) expect(r).not.toContain(remote)
        expect(await page.evaluate(() => (globalThis as Marked).pwned)).toBeUndefined()
        expect(hc.hits).toEqual([])
      } finally {
        const close = page.getByTestId('composer-close')
        if (await close.isVisible()) await close.click()
        await page.getByTestId('composer').waitFor({ state: 'detached' })
        await callInPage(page, 'deleteDraft', draft.id)
      }
    }
  })
})
