import { describe, expect, it } from 'vitest'
import { electronAppearance, type WindowLike } from './electron-appearance'

function fakeWindow(printResult: [boolean, string]) {
  const calls: unknown[] = []
  const win: WindowLike = {
    isDestroyed: () => false,
    webContents: {
      setZoomFactor: (f: number) => void calls.push(['zoom', f]),
      print: (_opts: unknown, done?: (success: boolean, reason: string) => void) => {
        calls.push(['print'])
        done?.(...printResult)
      },
    },
  }
  return { win, calls }
}

describe('electronAppearance', () => {
  it('sets nativeTheme.themeSource and the window zoom', () => {
    const theme = { themeSource: 'system' as 'system' | 'light' | 'dark' }
    const { win, calls } = fakeWindow([true, ''])
    const port = electronAppearance(theme, () => win)
    port.setThemeSource('dark')
    expect(theme.themeSource).toBe('dark')
    port.setZoomFactor(1.25)
    expect(calls).toEqual([['zoom', 1.25]])
  })

  it('prints the window; a cancelled dialog is no error, a failure is', async () => {
    const theme = { themeSource: 'system' as const }
    await expect(electronAppearance(theme, () => fakeWindow([false, 'cancelled']).win).print()).resolves.toBe(
      undefined,
    )
    await expect(
      electronAppearance(theme, () => fakeWindow([false, 'Print job failed']).win).print(),
    ).rejects.toMatchObject({ code: 'INTERNAL', message: /Print job failed/ })
  })

  it('does nothing without a window (before it opens, after it closed)', async () => {
    const port = electronAppearance({ themeSource: 'system' }, () => undefined)
    port.setZoomFactor(2)
    await expect(port.print()).resolves.toBe(undefined)
  })
})
