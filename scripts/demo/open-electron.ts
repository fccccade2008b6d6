/**
 * Where Electron's binary is installed, the demo opens the real app: the account was written by
 * the demo into its own data folder and keyring, and the app (unpackaged builds only) reads
 * MAILROOM_DEMO_DIR to use that folder, that keychain entry and the demo servers' CA.
 */
import { spawn, spawnSync } from 'node:child_process'

/** Runs the app until its window closes; resolves with Electron's exit code. */
export function runElectronApp(env: Record<string, string>): Promise<number> {
  // Native modules must match Electron's ABI (the test command rebuilds them for Node again).
  spawnSync('npx', ['electron-builder', 'install-app-deps'], { stdio: 'inherit' })
  const child = spawn('npx', ['electron-vite', 'preview'], {
    stdio: 'inherit',
    env: { ...process.env, ...env },
  })
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 0)))
}
