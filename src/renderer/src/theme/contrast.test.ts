/// <reference types="node" />
// Reads the stylesheet as text (vitest does not process CSS), hence Node's fs in a renderer test.
// eslint-disable-next-line no-restricted-imports -- the test reads the stylesheet; the app never does
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

/** The light and dark value of each colour token in tokens.css. */
function readTokens(): Map<string, { light: string; dark: string }> {
  const css = readFileSync(new URL('./tokens.css', import.meta.url), 'utf8')
  const tokens = new Map<string, { light: string; dark: string }>()
  for (const m of css.matchAll(/(--[\w-]+):\s*light-dark\((#[0-9a-f]{6}),\s*(#[0-9a-f]{6})\)/gi)) {
    tokens.set(m[1]!, { light: m[2]!, dark: m[3]! })
  }
  return tokens
}

/** WCAG 2.2 relative luminance and contrast ratio (https://www.w3.org/TR/WCAG22/#dfn-contrast-ratio). */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi! + 0.05) / (lo! + 0.05)
}

/** Every text colour on every background it is used on (the CSS files' pairings). */
const TEXT_PAIRS: [text: string, backgrounds: string[]][] = [
  [
    '--fg',
    [
      '--bg',
      '--surface',
      '--surface-sunken',
      '--surface-muted',
      '--hover',
      '--selected',
      '--selected-soft',
      '--pressed',
      '--danger-bg',
      '--warning-bg',
    ],
  ],
  ['--fg-soft', ['--surface', '--hover', '--selected', '--selected-soft']],
  [
    '--muted',
    [
      '--bg',
      '--surface',
      '--surface-sunken',
      '--surface-muted',
      '--hover',
      '--selected',
      '--selected-soft',
      '--warning-bg',
    ],
  ],
  [
    '--accent',
    ['--bg', '--surface', '--surface-sunken', '--surface-muted', '--hover', '--selected', '--selected-soft'],
  ],
  ['--on-accent', ['--accent']],
  ['--danger', ['--bg', '--surface', '--surface-sunken', '--danger-bg']],
  ['--on-danger', ['--danger']],
]

describe('the design tokens', () => {
  const tokens = readTokens()
  it('are read from tokens.css', () => {
    expect(tokens.size).toBeGreaterThan(20)
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21)
  })
  for (const theme of ['light', 'dark'] as const) {
    it(`give text at least 4.5:1 contrast in the ${theme} theme`, () => {
      const failures: string[] = []
      for (const [text, backgrounds] of TEXT_PAIRS) {
        for (const bg of backgrounds) {
          const fg = tokens.get(text)?.[theme]
          const back = tokens.get(bg)?.[theme]
          if (!fg || !back) throw new Error(`token missing: ${!fg ? text : bg}`)
          const ratio = contrast(fg, back)
          if (ratio < 4.5) failures.push(`${text} on ${bg}: ${ratio.toFixed(2)}`)
        }
      }
      expect(failures).toEqual([])
    })
  }
})
