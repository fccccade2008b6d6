import type { Dialog } from 'electron'
import type { StartupDialogs } from '../start-app'

/**
 * The start-up questions and errors (start-app.ts) as Electron's native dialogs, shown before any
 * window exists. Electron is passed in (types only here), so this stays importable without it.
 */
export function electronStartupDialogs(
  dialog: Pick<Dialog, 'showMessageBox' | 'showErrorBox'>,
): StartupDialogs {
  return {
    async askRecovery(q) {
      const { response } = await dialog.showMessageBox({
        type: 'warning',
        title: q.title,
        message: q.message,
        detail: q.detail,
        buttons: q.choices.map((c) => c.label),
        defaultId: 0,
        // Closing the dialog (Escape) means the last choice: Quit, which changes nothing.
        cancelId: q.choices.length - 1,
        noLink: true,
      })
      return q.choices[response]?.choice ?? 'quit'
    },
    showStartError(title, message) {
      dialog.showErrorBox(title, message)
      return Promise.resolve()
    },
  }
}
