/**
 * Where "save attachment" asks the person for a file name. Core never imports Electron: the
 * bootstrap plugs in Electron's save dialog (src/main/platform/save-dialog.ts), tests a temp path.
 */
export interface SaveDialogPort {
  /** Resolves with the chosen path, or null when the person cancelled. */
  chooseSavePath(suggestedName: string): Promise<string | null>
}

/** For hosts without a dialog (the browser preview): every save is "cancelled". */
export const NO_SAVE_DIALOG: SaveDialogPort = { chooseSavePath: () => Promise.resolve(null) }

/**
 * A file name from a message is hostile input: no directories, no control characters, no
 * leading dots (hidden files), and a bounded length.
 */
export function safeFileName(name: string): string {
  const cleaned = [...name]
    .map((c) => (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f || '<>:"/\\|?*'.includes(c) ? '_' : c))
    .join('')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, 180)
  return cleaned || 'attachment'
}
