import { defineConfig } from 'vitest/config'

// Four projects: unit (node) and dom (jsdom) run anywhere; integration and e2e need the private
// mail servers that test/servers/global-setup.ts starts once per run (integration also the second
// server family, test/servers/cyrus-exim/).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['src/**/*.test.ts', 'test/bridge/**/*.test.ts', 'scripts/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'dom',
          environment: 'jsdom',
          include: ['src/**/*.test.tsx'],
        },
      },
      {
        test: {
          name: 'integration',
          environment: 'node',
          include: ['test/integration/**/*.test.ts'],
          // Dovecot + Postfix (and the test CA) first, then the second family, Cyrus + Exim.
          globalSetup: ['test/servers/global-setup.ts', 'test/servers/cyrus-exim/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/servers/global-setup.ts', 'test/e2e/global-setup.ts'],
          testTimeout: 90_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
})
