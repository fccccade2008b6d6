import { describe, expect, it } from 'vitest'
import { AppError } from '../../shared/errors'
import { systemBrowser } from './system-browser'

function recordingShell(fail = false) {
  const opened: { url: string; activate: boolean | undefined }[] = []
  return {
    opened,
    openExternal: (url: string, options?: { activate?: boolean }) => {
      if (fail) return Promise.reject(new Error('no browser'))
      opened.push({ url, activate: options?.activate })
      return Promise.resolve()
    },
  }
}

describe('systemBrowser', () => {
  it.each(['https://accounts.example.test/authorize?client_id=a&state=b', 'http://127.0.0.1:41000/auth?x=1'])(
    'opens %s in the system browser, in front',
    async (url) => {
      const shell = recordingShell()
      await systemBrowser(shell)(url)
      expect(shell.opened).toEqual([{ url, activate: true }])
    },
  )

  it.each([
    'http://accounts.example.test/authorize',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'https://user:pw@example.test/authorize',
    'not a url',
  ])('refuses %s without opening anything', async (url) => {
    const shell = recordingShell()
    const err = await systemBrowser(shell)(url).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(AppError)
    expect(err).toMatchObject({ code: 'INVALID_INPUT' })
    expect(shell.opened).toEqual([])
  })

  it('reports a browser that cannot be started as an AppError', async () => {
    const err = await systemBrowser(recordingShell(true))('https://example.test/a').catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'INTERNAL' })
  })
})
