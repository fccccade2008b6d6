import type { BrowserWindow, Dialog } from 'electron'
import { describe, expect, it } from 'vitest'
import { createElectronFilePicker } from './electron-file-picker'

describe('electron file picker', () => {
  it('opens a multi-file dialog on the window and returns nothing when cancelled', async () => {
    const calls: unknown[][] = []
    const answers = [
      { canceled: false, filePaths: ['/home/a/x.pdf', '/home/a/y.png'] },
      { canceled: true, filePaths: ['/ignored'] },
    ]
    const dialog = {
      showOpenDialog: (...args: unknown[]) => {
        calls.push(args)
        return Promise.resolve(answers.shift()!)
      },
    } as unknown as Pick<Dialog, 'showOpenDialog'>
    const win = {} as BrowserWindow
    const picker = createElectronFilePicker(dialog, () => win)
    expect(await picker.pickFiles()).toEqual(['/home/a/x.pdf', '/home/a/y.png'])
    expect(await picker.pickFiles()).toEqual([])
    expect(calls[0]![0]).toBe(win)
    expect(calls[0]![1]).toMatchObject({ properties: ['openFile', 'multiSelections'] })
  })
})
