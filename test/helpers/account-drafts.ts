import type { AccountDraft, IncomingSettings, OutgoingSettings } from '../../src/shared/model/account'
import { familyOf } from '../servers/families'
import type { TestUser } from '../servers/mail-env'

/** A draft for a test user on its server family (IMAP over TLS, submission over TLS). */
export function draftFor(
  user: TestUser,
  overrides: { incoming?: Partial<IncomingSettings>; outgoing?: Partial<OutgoingSettings> } = {},
): AccountDraft {
  const { host, ports } = familyOf(user)
  return {
    displayName: `Test ${user.address}`,
    address: user.address,
    incoming: {
      protocol: 'imap',
      host,
      port: ports.imaps,
      security: 'tls',
      username: user.address,
      authMethod: 'auto',
      ...overrides.incoming,
    },
    outgoing: {
      host,
      port: ports.submissions,
      security: 'tls',
      username: user.address,
      authMethod: 'auto',
      ...overrides.outgoing,
    },
    identities: [{ name: 'Test User', address: user.address }],
  }
}
