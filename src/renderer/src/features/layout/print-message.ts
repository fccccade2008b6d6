import { call } from '../../lib/ipc'

/**
 * Prints the open message: Electron prints the window (webContents.print, through main's
 * appearance port); the browser preview has no such port and uses window.print(). Either way
 * print.css leaves the message alone on the page.
 */
export async function printMessage(): Promise<void> {
  const printed = await call('printWindow').catch(() => false)
  if (!printed) window.print()
}
