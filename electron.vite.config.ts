import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

// OAuth client ids a packager supplies (README, "Packaging: OAuth client ids"): every such variable set
// in the environment of the build is baked into the main bundle (src/main/oauth-wiring.ts reads each by
// its literal name); one not set stays a run-time lookup. They are configuration, not secrets (RFC 8252 §8.5).
const oauthClientDefines = Object.fromEntries(
  Object.entries(process.env)
    .filter(([name, value]) => /^MAILROOM_OAUTH_[A-Z]+_CLIENT_(ID|SECRET)$/.test(name) && value)
    .map(([name, value]) => [`process.env.${name}`, JSON.stringify(value)]),
)

// Native modules and protocol libraries stay external to the main bundle (loaded from node_modules).
export default defineConfig({
  main: {
    define: oauthClientDefines,
    build: {
      rollupOptions: { input: { index: resolve('src/main/index.ts') } },
    },
  },
  preload: {
    build: {
      rollupOptions: { input: { index: resolve('src/preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    plugins: [react()],
    server: { host: '127.0.0.1', port: 20081, strictPort: true },
    build: {
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
  },
})
