import type { BrowserWindow, Dialog } from 'electron'
import type { FilePicker } from '../core/compose/ports'

/** The attachment dialog, opened by main (the renderer never sees a path it did not get from here). */
export function createElectronFilePicker(
  dialog: Pick<Dialog, 'showOpenDialog'>,
  parent: () => BrowserWindow | undefined,
): FilePicker {
  return {
    async pickFiles() {
      const options = { title: 'Attach files', properties: ['openFile', 'multiSelections'] as const }
      const win = parent()
      const result = win
        ? await dialog.showOpenDialog(win, { ...options, properties: [...options.properties] })
        : await dialog.showOpenDialog({ ...options, properties: [...options.properties] })
      return result.canceled ? [] : result.filePaths
    },
  }
}
