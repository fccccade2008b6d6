import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { SHELL_CSP } from './security'

/**
 * The shell's policy is sent twice: as the app:// protocol's header (SHELL_CSP) and as the page's
 * <meta> (which also covers the dev server and the browser preview). The two must not drift.
 */
function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values]),
  )
}

describe('the page CSP', () => {
  const html = readFileSync('src/renderer/index.html', 'utf8')
  const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html)?.[1]

  it('is in index.html, before any script', () => {
    expect(meta).toBeDefined()
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'))
  })

  it('is the shell CSP, less frame-ancestors (which a <meta> cannot carry)', () => {
    const header = directives(SHELL_CSP)
    expect(header.get('frame-ancestors')).toEqual(["'none'"])
    header.delete('frame-ancestors')
    expect(directives(meta ?? '')).toEqual(header)
  })

  it('allows no script but the app’s own files', () => {
    const d = directives(meta ?? '')
    expect(d.get('default-src')).toEqual(["'none'"])
    expect(d.get('script-src')).toEqual(["'self'"])
    expect(meta).not.toMatch(/unsafe-eval|wasm-unsafe-eval|strict-dynamic/)
    expect(d.get('connect-src')).toEqual(["'self'"])
    expect(d.get('object-src')).toEqual(["'none'"])
  })
})
