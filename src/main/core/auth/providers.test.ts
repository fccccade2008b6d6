import { describe, expect, it } from 'vitest'
import {
  clientRegistryFromEnv,
  presetConfig,
  presetForAddress,
  presetForServer,
  PROVIDER_PRESETS,
} from './providers'

describe('provider presets', () => {
  it('every preset uses TLS endpoints and has a scope for each protocol', () => {
    for (const p of Object.values(PROVIDER_PRESETS)) {
      for (const url of [p.endpoints.authorizationEndpoint, p.endpoints.tokenEndpoint]) {
        expect(new URL(url).protocol).toBe('https:')
      }
      expect(p.scopes.imap && p.scopes.pop3 && p.scopes.smtp).toBeTruthy()
    }
  })

  it('reads client ids from the build configuration; none configured means no sign-in there', () => {
    const registry = clientRegistryFromEnv({
      MAILROOM_OAUTH_GOOGLE_CLIENT_ID: ' 123.apps.example ',
      MAILROOM_OAUTH_GOOGLE_CLIENT_SECRET: 'installed-app-value',
      MAILROOM_OAUTH_MICROSOFT_CLIENT_ID: 'ms-id',
      MAILROOM_OAUTH_YAHOO_CLIENT_ID: '',
    })
    expect(registry).toEqual({
      google: { clientId: '123.apps.example', clientSecret: 'installed-app-value' },
      microsoft: { clientId: 'ms-id' },
    })
    expect(presetConfig('yahoo', ['imap'], registry)).toBeUndefined()
  })

  it('asks for the scopes of the protocols in use, once each, plus offline access where needed', () => {
    const registry = { microsoft: { clientId: 'ms-id' }, google: { clientId: 'g-id' } }
    expect(presetConfig('microsoft', ['imap', 'smtp'], registry)).toMatchObject({
      clientId: 'ms-id',
      tokenEndpoint: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
      scopes: [
        'https://outlook.office.com/IMAP.AccessAsUser.All',
        'https://outlook.office.com/SMTP.Send',
        'offline_access',
      ],
      redirectPath: '/oauth/callback',
    })
    expect(presetConfig('google', ['imap', 'smtp'], registry)).toMatchObject({
      scopes: ['https://mail.google.com/'],
      extraAuthParams: { access_type: 'offline', prompt: 'consent' },
    })
  })

  it('recognizes providers by server host, address domain and MX host', () => {
    expect(presetForServer('imap.gmail.com')?.id).toBe('google')
    expect(presetForServer('outlook.office365.com')?.id).toBe('microsoft')
    expect(presetForServer('smtp.mail.yahoo.com')?.id).toBe('yahoo')
    expect(presetForServer('imap.fastmail.com')?.id).toBe('fastmail')
    expect(presetForServer('imap.notgmail.com')).toBeUndefined()
    expect(presetForAddress('someone@hotmail.com')?.id).toBe('microsoft')
    expect(presetForAddress('ceo@company.example', ['company-example.mail.protection.outlook.com'])?.id).toBe(
      'microsoft',
    )
    expect(presetForAddress('me@family.example', ['ASPMX.L.GOOGLE.COM.'])?.id).toBe('google')
    expect(presetForAddress('me@self-hosted.example', ['mx.self-hosted.example'])).toBeUndefined()
  })
})
