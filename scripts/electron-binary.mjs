// Where Electron's binary is, without asking the `electron` package: its index.js tries to download
// a missing binary first (printing a "fetch failed" stack on an offline machine) and then throws.
// The binary's path inside the package is written to path.txt by its install step.
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/** The binary's absolute path, or null where it was not downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD=1). */
export function electronBinary() {
  try {
    const dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'))
    const pathFile = join(dir, 'path.txt')
    if (!existsSync(pathFile)) return null
    const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim())
    return existsSync(binary) ? binary : null
  } catch {
    return null
  }
}
