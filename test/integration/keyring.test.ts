import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createKeytarSecretStore, openSecretStore } from '../../src/main/core/secrets/keytar-secret-store'

describe('OS keychain (gnome-keyring on a private D-Bus)', () => {
  it('stores, reads and deletes a secret through keytar', async () => {
    const service = `mailroom-test-${randomBytes(4).toString('hex')}`
    const store = await openSecretStore(service)
    expect(store.kind).toBe('os-keychain')
    const key = 'imap:alice@example.test'
    await store.set(key, 'pässwörd ✓')
    expect(await createKeytarSecretStore(service).get(key)).toBe('pässwörd ✓')
    expect(await store.delete(key)).toBe(true)
    expect(await store.get(key)).toBeNull()
    expect(await store.delete(key)).toBe(false)
  })

  it('falls back to session memory when no keychain answers', () => {
    // A fresh process, because libsecret keeps its first D-Bus connection for the process.
    const probe = new URL('./helpers/secret-store-probe.ts', import.meta.url).pathname
    const out = execFileSync(process.execPath, ['--import', 'tsx', probe], {
      env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus', DISPLAY: '' },
      encoding: 'utf8',
    })
    expect(JSON.parse(out.trim().split('\n').pop()!)).toEqual({ kind: 'session-memory', back: 'v' })
  })
})
