import type { SecretStorageKind } from '../../../shared/model/app-info'

/**
 * Where passwords live. The only implementation that persists anything is the OS keychain;
 * there is deliberately no file-based fallback (design.md: never a plaintext fallback).
 */
export interface SecretStore {
  readonly kind: SecretStorageKind
  get(key: string): Promise<string | null>
  set(key: string, secret: string): Promise<void>
  /** Returns true when something was deleted. */
  delete(key: string): Promise<boolean>
}

/** Keeps secrets for this process only: used when no keychain is reachable. */
export function createMemorySecretStore(): SecretStore {
  const secrets = new Map<string, string>()
  return {
    kind: 'session-memory',
    get: (key) => Promise.resolve(secrets.get(key) ?? null),
    set: (key, secret) => {
      secrets.set(key, secret)
      return Promise.resolve()
    },
    delete: (key) => Promise.resolve(secrets.delete(key)),
  }
}
