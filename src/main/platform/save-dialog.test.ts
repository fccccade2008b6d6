import { describe, expect, it } from 'vitest'
import { electronSaveDialog } from './save-dialog'

describe('electronSaveDialog', () => {
  it('suggests the name in the downloads folder and returns the chosen path', async () => {
    const calls: unknown[] = []
    const port = electronSaveDialog(
      {
        showSaveDialog: (...args: unknown[]) => {
          calls.push(args)
          return Promise.resolve({ canceled: false, filePath: '/home/p/Downloads/report.pdf' })
        },
      },
      () => '/home/p/Downloads',
      () => undefined,
    )
    expect(await port.chooseSavePath('report.pdf')).toBe('/home/p/Downloads/report.pdf')
    expect(calls).toEqual([[{ defaultPath: '/home/p/Downloads/report.pdf' }]])
  })

  it('returns null when the person cancels', async () => {
    const port = electronSaveDialog(
      { showSaveDialog: () => Promise.resolve({ canceled: true, filePath: '' }) },
      () => '/tmp',
      () => undefined,
    )
    expect(await port.chooseSavePath('x.txt')).toBeNull()
  })
})
