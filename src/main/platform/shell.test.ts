import { describe, expect, it } from 'vitest'
import { AppError } from '../../shared/errors'
import { createLinkOpener, type ShellPort } from './shell'

function recordingPort(): ShellPort & { opened: string[] } {
  const opened: string[] = []
  return { opened, openExternal: (url) => Promise.resolve(void opened.push(url)) }
}

describe('createLinkOpener', () => {
  it.each(['https://example.test/a?b=c', 'http://example.test/', 'mailto:bob@example.test'])(
    'hands %s to the system shell',
    async (url) => {
      const port = recordingPort()
      await createLinkOpener(port).open(url)
      expect(port.opened).toEqual([new URL(url).href])
    },
  )

  it.each([
    'javascript:alert(1)',
    'file:///etc/passwd',
    'data:text/html,<script>x</script>',
    'ms-msdt:/id foo',
    'smb://host/share',
    'not a url',
  ])('refuses %s with INVALID_INPUT on the url field', async (url) => {
    const port = recordingPort()
    const err = await createLinkOpener(port)
      .open(url)
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(AppError)
    expect(err).toMatchObject({ code: 'INVALID_INPUT', detail: { field: 'url' } })
    expect(port.opened).toEqual([])
  })
})
