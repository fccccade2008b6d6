import { describe, expect, it } from 'vitest'
import { contentTypeFor, resolveAppPath } from './app-protocol'

const dir = '/app/out/renderer'

describe('resolveAppPath', () => {
  it('serves files inside the renderer folder', () => {
    expect(resolveAppPath(dir, 'app://mailroom/index.html')).toBe('/app/out/renderer/index.html')
    expect(resolveAppPath(dir, 'app://mailroom/')).toBe('/app/out/renderer/index.html')
    expect(resolveAppPath(dir, 'app://mailroom/assets/a.js?x=1')).toBe('/app/out/renderer/assets/a.js')
  })
  it.each(['app://mailroom/../../etc/passwd', 'app://mailroom/%2e%2e/%2e%2e/etc/passwd'])(
    'keeps dot segments inside the folder: %s',
    (url) => expect(resolveAppPath(dir, url)).toBe('/app/out/renderer/etc/passwd'),
  )
  it.each([
    'app://mailroom/assets/..%2f..%2f..%2fetc/passwd',
    'app://mailroom/a%00.html',
    'app://mailroom/..%5c..%5csecret',
    'app://other/index.html',
    'app://mailroom/%E0%A4%A',
    'nonsense',
  ])('refuses %s', (url) => {
    expect(resolveAppPath(dir, url)).toBeNull()
  })
  it('names content types', () => {
    expect(contentTypeFor('/x/index.html')).toBe('text/html; charset=utf-8')
    expect(contentTypeFor('/x/a.JS')).toBe('text/javascript; charset=utf-8')
    expect(contentTypeFor('/x/blob')).toBe('application/octet-stream')
  })
})
