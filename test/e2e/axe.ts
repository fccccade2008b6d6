/**
 * axe-core in the page under test: WCAG 2.x A and AA rules (and 2.2's), serious and critical
 * violations only. Injected through CDP (page.evaluate), which the app's CSP does not govern; the
 * message frame is sandboxed without scripts, so axe checks the app's document (the frame's own
 * lang and title are checked by frame-document.test.ts).
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

export interface AxeProblem {
  id: string
  impact: string
  help: string
  targets: string[]
}

export async function seriousViolations(page: Page): Promise<AxeProblem[]> {
  if (!(await page.evaluate<boolean>('typeof window.axe === "object"'))) await page.evaluate(axeSource)
  const result = await page.evaluate<AxeProblem[]>(`(async () => {
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      resultTypes: ['violations'],
      iframes: false,
    })
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ' :: ' + (n.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 200)),
      }))
  })()`)
  return result
}
