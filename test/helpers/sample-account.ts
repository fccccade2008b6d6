import type { Account } from '../../src/shared/model/account'

/** A complete account for tests; override what the test is about. */
export function sampleAccount(id: string, address = `${id}@example.test`): Account {
  const server = { host: 'mail.example.test', username: address, authMethod: 'auto' as const }
  return {
    id,
    displayName: `User ${id}`,
    address,
    incoming: { ...server, protocol: 'imap', port: 993, security: 'tls' },
    outgoing: { ...server, port: 465, security: 'tls' },
    identities: [{ id: `${id}-main`, name: `User ${id}`, address }],
    pins: [],
    createdAt: 1_700_000_000_000,
  }
}
