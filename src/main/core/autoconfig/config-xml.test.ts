import { describe, expect, it } from 'vitest'
import { parseProviderConfig } from './config-xml'
import { fillPlaceholders } from './placeholders'

const CONFIG = `<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="example.com">
    <domain>example.com</domain>
    <displayName>Example Mail</displayName>
    <incomingServer type="imap">
      <hostname>imap.%EMAILDOMAIN%</hostname>
      <port>993</port>
      <socketType>SSL</socketType>
      <username>%EMAILLOCALPART%</username>
      <authentication>password-cleartext</authentication>
    </incomingServer>
    <incomingServer type="pop3">
      <hostname>pop.example.com</hostname>
      <port>110</port>
      <socketType>plain</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>password-cleartext</authentication>
    </incomingServer>
    <incomingServer type="pop3">
      <hostname>pop.example.com</hostname>
      <port>995</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>OAuth2</authentication>
      <authentication>password-cleartext</authentication>
    </incomingServer>
    <incomingServer type="exchange"><hostname>ews.example.com</hostname></incomingServer>
    <outgoingServer type="smtp">
      <hostname>smtp.example.com</hostname>
      <port>587</port>
      <socketType>STARTTLS</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>OAuth2</authentication>
    </outgoingServer>
    <outgoingServer type="smtp">
      <hostname>smtp.example.com</hostname>
      <port>465</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>password-cleartext</authentication>
    </outgoingServer>
  </emailProvider>
</clientConfig>`

describe('provider config files (config-v1.1.xml)', () => {
  it('fills placeholders, keeps the provider order, and skips plain text and password-less entries', () => {
    const config = parseProviderConfig(CONFIG, 'jo.doe@Example.com')
    expect(config).toEqual({
      providerName: 'Example Mail',
      skippedPlainText: 1,
      oauth2: true,
      incoming: [
        {
          protocol: 'imap',
          host: 'imap.example.com',
          port: 993,
          security: 'tls',
          username: 'jo.doe',
          authMethod: 'auto',
        },
        {
          protocol: 'pop3',
          host: 'pop.example.com',
          port: 995,
          security: 'tls',
          username: 'jo.doe@Example.com',
          authMethod: 'auto',
        },
      ],
      outgoing: [
        {
          host: 'smtp.example.com',
          port: 465,
          security: 'tls',
          username: 'jo.doe@Example.com',
          authMethod: 'auto',
        },
      ],
    })
  })

  it('says whether the provider signs in with OAuth2 (over TLS only)', () => {
    const server = (auth: string, socket = 'SSL') => `<clientConfig><emailProvider>
      <incomingServer type="imap"><hostname>imap.example.com</hostname><port>993</port>
      <socketType>${socket}</socketType><authentication>${auth}</authentication></incomingServer>
      </emailProvider></clientConfig>`
    expect(parseProviderConfig(server('OAuth2'), 'a@example.com')).toMatchObject({
      oauth2: true,
      incoming: [],
    })
    expect(parseProviderConfig(server('password-cleartext'), 'a@example.com')?.oauth2).toBe(false)
    expect(parseProviderConfig(server('OAuth2', 'plain'), 'a@example.com')?.oauth2).toBe(false)
  })

  it.each([
    ['not XML', 'hello'],
    ['another document', '<html><body/></html>'],
    ['malformed XML', '<clientConfig><emailProvider></clientConfig>'],
    ['no provider', '<clientConfig version="1.1"/>'],
  ])('returns null for %s', (_name, xml) => {
    expect(parseProviderConfig(xml, 'a@example.com')).toBeNull()
  })

  it('refuses entries with bad hosts, ports or unknown placeholders', () => {
    const bad = (host: string, port: string, user = '%EMAILADDRESS%') => `<clientConfig><emailProvider>
      <incomingServer type="imap"><hostname>${host}</hostname><port>${port}</port>
      <socketType>SSL</socketType><username>${user}</username></incomingServer></emailProvider></clientConfig>`
    expect(parseProviderConfig(bad('imap example.com', '993'), 'a@example.com')?.incoming).toEqual([])
    expect(parseProviderConfig(bad('imap.example.com', '99999'), 'a@example.com')?.incoming).toEqual([])
    expect(
      parseProviderConfig(bad('imap.example.com', '993', '%REALNAME%'), 'a@example.com')?.incoming,
    ).toEqual([])
    expect(parseProviderConfig(bad('imap.example.com', '993'), 'a@example.com')?.incoming).toHaveLength(1)
  })

  it('fills each placeholder', () => {
    expect(fillPlaceholders('%EMAILLOCALPART%|%EMAILDOMAIN%|%EMAILADDRESS%|%X%', 'Jo@Mail.Example')).toBe(
      'Jo|mail.example|Jo@Mail.Example|%X%',
    )
  })
})
