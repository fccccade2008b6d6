import keytar from 'keytar'
import { AppError } from '../../../shared/errors'
import { createMemorySecretStore, type SecretStore } from './secret-store'

export const KEYCHAIN_SERVICE = 'Mailroom'

function unavailable(cause: unknown): AppError {
  return new AppError('SECRET_STORE_UNAVAILABLE', 'The OS keychain is not reachable', {
    cause,
    retryable: true,
    detail: {
      reason: 'keychain-unreachable',
      keychainError: cause instanceof Error ? cause.message : String(cause),
    },
  })
}

/** The OS keychain through keytar (macOS Keychain, Windows Credential Vault, Secret Service). */
export function createKeytarSecretStore(service = KEYCHAIN_SERVICE): SecretStore {
  const wrap = async <T>(op: () => Promise<T>): Promise<T> => {
    try {
      return await op()
    } catch (cause) {
      throw unavailable(cause)
    }
  }
  return {
    kind: 'os-keychain',
    get: (key) => wrap(() => keytar.getPassword(service, key)),
    set: (key, secret) => wrap(() => keytar.setPassword(service, key, secret)),
    delete: (key) => wrap(() => keytar.deletePassword(service, key)),
  }
}

/**
 * The keychain when it answers, otherwise this session's memory. The probe is a read: on Linux
 * without a Secret Service, keytar fails here ("Cannot autolaunch D-Bus without X11 $DISPLAY").
 */
export async function openSecretStore(service = KEYCHAIN_SERVICE): Promise<SecretStore> {
  try {
    await keytar.findCredentials(service)
    return createKeytarSecretStore(service)
  } catch {
    return createMemorySecretStore()
  }
}
