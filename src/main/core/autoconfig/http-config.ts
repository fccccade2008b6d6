import type { DiscoverySourceKind } from '../../../shared/model/discovery'
import { parseProviderConfig, type ProviderConfig } from './config-xml'
import type { ResolvedDiscoveryOptions } from './discovery-options'

/** Config files are small; anything bigger is not one. */
const MAX_BYTES = 256 * 1024

export interface ConfigUrl {
  kind: Extract<DiscoverySourceKind, 'config-file' | 'ispdb'>
  url: string
}

/**
 * The config-file locations for a domain, in the order Thunderbird tries them: the provider's
 * autoconfig host, then its well-known path, each over https and then http, then the ISPDB.
 */
export function configUrls(domain: string, address: string, opts: ResolvedDiscoveryOptions): ConfigUrl[] {
  const query = `?emailaddress=${encodeURIComponent(address)}`
  const origin = (scheme: string, host: string) =>
    opts.httpOrigin.replace('{scheme}', scheme).replace('{host}', host)
  const urls: ConfigUrl[] = []
  for (const scheme of ['https', 'http']) {
    urls.push({
      kind: 'config-file',
      url: `${origin(scheme, `autoconfig.${domain}`)}/mail/config-v1.1.xml${query}`,
    })
    urls.push({
      kind: 'config-file',
      url: `${origin(scheme, domain)}/.well-known/autoconfig/mail/config-v1.1.xml${query}`,
    })
  }
  urls.push({ kind: 'ispdb', url: `${opts.ispdbBase}${domain}` })
  return urls
}

/**
 * Fetches and reads one config file. Null when there is none there (any HTTP or network
 * failure, a non-config document, or no usable server in it): the next source is tried.
 */
export async function fetchProviderConfig(
  url: string,
  address: string,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<ProviderConfig | null> {
  try {
    const response = await fetch(url, {
      signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
      headers: { accept: 'application/xml, text/xml;q=0.9, */*;q=0.1' },
      redirect: 'follow',
    })
    if (!response.ok || !response.body) return null
    const text = await readLimited(response.body, MAX_BYTES)
    if (text === null) return null
    const config = parseProviderConfig(text, address)
    return config && (config.incoming.length > 0 || config.outgoing.length > 0 || config.skippedPlainText > 0)
      ? config
      : null
  } catch {
    return null
  }
}

async function readLimited(body: ReadableStream<Uint8Array>, limit: number): Promise<string | null> {
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel()
      return null
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks).toString('utf8')
}
