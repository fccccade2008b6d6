import { describe, expect, it } from 'vitest'
import { guessCandidates } from './candidates'
import { STANDARD_PORTS } from './discovery-options'
import { configUrls } from './http-config'
import { resolveDiscoveryOptions } from './discovery-options'

describe('guess candidates', () => {
  it('puts IMAP before POP3, implicit TLS before STARTTLS, and never plain text', () => {
    const { incoming, outgoing } = guessCandidates('example.com', STANDARD_PORTS)
    const show = (c: { protocol: string; host: string; port: number }) => `${c.protocol} ${c.host}:${c.port}`
    expect(incoming.map(show)).toEqual([
      'imap imap.example.com:993',
      'imap mail.example.com:993',
      'imap example.com:993',
      'imap imap.example.com:143',
      'imap mail.example.com:143',
      'imap example.com:143',
      'pop3 pop3.example.com:995',
      'pop3 pop.example.com:995',
      'pop3 mail.example.com:995',
      'pop3 example.com:995',
      'pop3 pop3.example.com:110',
      'pop3 pop.example.com:110',
      'pop3 mail.example.com:110',
      'pop3 example.com:110',
    ])
    expect(outgoing.map(show)).toEqual([
      'smtp smtp.example.com:465',
      'smtp mail.example.com:465',
      'smtp example.com:465',
      'smtp smtp.example.com:587',
      'smtp mail.example.com:587',
      'smtp example.com:587',
    ])
    expect([...incoming, ...outgoing].every((c) => c.security === 'tls' || c.security === 'starttls')).toBe(
      true,
    )
  })
})

describe('config file locations', () => {
  it('tries autoconfig.<domain> and .well-known over https, then http, then the ISPDB', () => {
    expect(configUrls('example.com', 'a+b@example.com', resolveDiscoveryOptions()).map((u) => u.url)).toEqual(
      [
        'https://autoconfig.example.com/mail/config-v1.1.xml?emailaddress=a%2Bb%40example.com',
        'https://example.com/.well-known/autoconfig/mail/config-v1.1.xml?emailaddress=a%2Bb%40example.com',
        'http://autoconfig.example.com/mail/config-v1.1.xml?emailaddress=a%2Bb%40example.com',
        'http://example.com/.well-known/autoconfig/mail/config-v1.1.xml?emailaddress=a%2Bb%40example.com',
        'https://autoconfig.thunderbird.net/v1.1/example.com',
      ],
    )
  })
})
