import { describe, expect, it } from 'vitest'
import type { DiscoveryResult } from '../../../shared/model/discovery'
import { oauthOf } from './oauth-marking'

function found(address: string, incomingHost?: string): DiscoveryResult {
  const server = { port: 993, security: 'tls' as const, username: address, authMethod: 'auto' as const }
  return {
    address,
    incoming: incomingHost
      ? {
          settings: { ...server, protocol: 'imap', host: incomingHost },
          source: { kind: 'ispdb', where: 'x' },
        }
      : null,
    outgoing: null,
    alternatives: [],
    notes: [],
  }
}
const noMx = Promise.resolve(null)

describe('marking a discovered account as OAuth', () => {
  it('knows a provider by its server host, by the address domain, or by the MX of a custom domain', async () => {
    expect(await oauthOf(found('jo@example.org', 'imap.gmail.com'), false, noMx)).toEqual({
      provider: 'google',
    })
    expect(await oauthOf(found('jo@outlook.com'), false, noMx)).toEqual({ provider: 'microsoft' })
    expect(await oauthOf(found('jo@fastmail.fm'), false, noMx)).toEqual({ provider: 'fastmail' })
    // Google Workspace and Microsoft 365 custom domains: only their MX says who serves them.
    expect(await oauthOf(found('jo@firm.example'), false, Promise.resolve('aspmx.l.google.com'))).toEqual({
      provider: 'google',
    })
    expect(
      await oauthOf(
        found('jo@firm.example'),
        false,
        Promise.resolve('firm-example.mail.protection.outlook.com'),
      ),
    ).toEqual({ provider: 'microsoft' })
  })

  it('a config file that says OAuth2 for an unknown provider: the person names the issuer', async () => {
    expect(await oauthOf(found('jo@corp.example', 'imap.corp.example'), true, noMx)).toEqual({
      provider: null,
    })
  })

  it('leaves other accounts alone, also when the MX lookup failed', async () => {
    expect(await oauthOf(found('jo@corp.example', 'imap.corp.example'), false, noMx)).toBeUndefined()
    expect(await oauthOf(found('jo@corp.example'), false, Promise.reject(new Error('dns')))).toBeUndefined()
    // Look-alike names are not the provider's.
    expect(await oauthOf(found('jo@notgmail.com', 'imap.notgmail.com'), false, noMx)).toBeUndefined()
  })
})
