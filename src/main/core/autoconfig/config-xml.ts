import { domainToASCII } from 'node:url'
import { SaxesParser } from 'saxes'
import type {
  IncomingProtocol,
  IncomingSettings,
  OutgoingSettings,
  Security,
} from '../../../shared/model/account'
import { isValidHostname } from '../../../shared/validation'
import { fillPlaceholders } from './placeholders'

/** What one provider config file offers, in the provider's order, usable entries only. */
export interface ProviderConfig {
  providerName?: string
  incoming: IncomingSettings[]
  outgoing: OutgoingSettings[]
  /** Entries left out because they would send the password without TLS. */
  skippedPlainText: number
  /** An entry (over TLS) offers <authentication>OAuth2</authentication>: the provider signs in with OAuth 2.0. */
  oauth2: boolean
}

interface XmlElement {
  name: string
  attributes: Record<string, string>
  text: string
  children: XmlElement[]
}

/** A small element tree from saxes (a strict, non-validating parser: no DTDs, no external entities). */
function parseXml(xml: string): XmlElement | null {
  const parser = new SaxesParser()
  const root: XmlElement = { name: '#document', attributes: {}, text: '', children: [] }
  const stack: XmlElement[] = [root]
  parser.on('opentag', (tag) => {
    const el: XmlElement = { name: tag.name, attributes: {}, text: '', children: [] }
    for (const [k, v] of Object.entries(tag.attributes)) el.attributes[k] = String(v)
    stack.at(-1)!.children.push(el)
    stack.push(el)
  })
  parser.on('text', (text) => void (stack.at(-1)!.text += text))
  parser.on('cdata', (text) => void (stack.at(-1)!.text += text))
  parser.on('closetag', () => void stack.pop())
  try {
    parser.write(xml).close()
  } catch {
    return null
  }
  return root.children[0] ?? null
}

const child = (el: XmlElement, name: string) => el.children.find((c) => c.name === name)
const childText = (el: XmlElement, name: string) => child(el, name)?.text.trim() ?? ''

const SOCKET_TYPES: Record<string, Security> = { SSL: 'tls', STARTTLS: 'starttls', plain: 'none' }

const methodsOf = (server: XmlElement) =>
  server.children.filter((c) => c.name === 'authentication').map((c) => c.text.trim())

/**
 * Password logins we can do (config-v1.1: "password-cleartext", formerly "plain"). Sent only
 * inside TLS. Entries offering only methods we lack (NTLM, GSSAPI, CRAM-MD5...) are skipped.
 */
function supportsPassword(server: XmlElement): boolean {
  const methods = methodsOf(server)
  return methods.length === 0 || methods.some((m) => m === 'password-cleartext' || m === 'plain')
}

/** OAuth 2.0 (SASL XOAUTH2/OAUTHBEARER with a token from the provider's sign-in). */
const offersOAuth2 = (server: XmlElement) => methodsOf(server).includes('OAuth2')

/**
 * Reads Thunderbird's config-v1.1.xml format (the autoconfig file and ISPDB entries), filling the
 * %EMAILADDRESS%, %EMAILLOCALPART% and %EMAILDOMAIN% placeholders. Returns null when the document
 * is not such a file. Plain-text entries are counted, never returned.
 */
export function parseProviderConfig(xml: string, address: string): ProviderConfig | null {
  const root = parseXml(xml)
  if (root?.name !== 'clientConfig') return null
  const provider = child(root, 'emailProvider')
  if (!provider) return null
  const config: ProviderConfig = { incoming: [], outgoing: [], skippedPlainText: 0, oauth2: false }
  const name = childText(provider, 'displayName')
  if (name) config.providerName = name.slice(0, 200)
  for (const server of provider.children) {
    const isIncoming = server.name === 'incomingServer'
    if (!isIncoming && server.name !== 'outgoingServer') continue
    const type = server.attributes['type']
    if (isIncoming ? type !== 'imap' && type !== 'pop3' : type !== 'smtp') continue
    const settings = serverSettings(server, address)
    // Said even of an entry that offers OAuth2 only (kept out of the password lists below).
    if (settings && settings.security !== 'none' && offersOAuth2(server)) config.oauth2 = true
    if (!settings || !supportsPassword(server)) continue
    if (settings.security === 'none') {
      config.skippedPlainText++
      continue
    }
    if (isIncoming) config.incoming.push({ ...settings, protocol: type as IncomingProtocol })
    else config.outgoing.push(settings)
  }
  return config
}

function serverSettings(server: XmlElement, address: string): OutgoingSettings | null {
  const filled = fillPlaceholders(childText(server, 'hostname'), address).toLowerCase()
  const host = domainToASCII(filled) || filled
  const port = Number(childText(server, 'port'))
  const security = SOCKET_TYPES[childText(server, 'socketType')]
  const username = fillPlaceholders(childText(server, 'username') || '%EMAILADDRESS%', address)
  if (!isValidHostname(host) || !Number.isInteger(port) || port < 1 || port > 65535 || !security) return null
  if (username.length === 0 || username.length > 320 || /[\r\n%]/.test(username)) return null
  return { host, port, security, username, authMethod: 'auto' }
}
