/**
 * Proof Key for Code Exchange (RFC 7636) and the `state` value (RFC 6749 §10.12): both are fresh
 * random values per sign-in. Only S256 is used: "plain" would send the verifier itself.
 */
import { createHash, randomBytes } from 'node:crypto'

/** 32 random bytes, base64url: 43 characters, 256 bits (RFC 7636 §4.1 and §7.1). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url')
}

export interface Pkce {
  verifier: string
  challenge: string
  method: 'S256'
}

export function createPkce(): Pkce {
  const verifier = randomToken(32)
  return { verifier, challenge: pkceChallenge(verifier), method: 'S256' }
}

/** RFC 7636 §4.2: BASE64URL(SHA256(ASCII(code_verifier))). */
export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url')
}
