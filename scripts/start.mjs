// `npm start`: builds and starts the desktop app. Where Electron's binary is missing (it could not
// be downloaded at install time), says so and serves the same app in a browser instead.
import { spawnSync } from 'node:child_process'
import { electronBinary } from './electron-binary.mjs'

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit' })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

if (!electronBinary()) {
  console.log('Electron’s binary is not installed here (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1?).')
  console.log('Serving the app in your browser instead (npm run dev:web).')
  run('npm', ['run', 'dev:web'])
  process.exit(0)
}

// Native modules must match Electron's ABI, not Node's. (The test command rebuilds them for Node.)
const rebuilt = spawnSync('npx', ['electron-builder', 'install-app-deps'], { stdio: 'inherit' })
if (rebuilt.status !== 0)
  console.warn('Could not rebuild native modules for Electron; the store may fail to open.')
run('npx', ['electron-vite', 'preview'])
