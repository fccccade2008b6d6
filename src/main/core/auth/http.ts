/**
 * The few HTTP requests of OAuth 2.0 (discovery, token, revocation) over Node's fetch: URLs are
 * checked first (TLS everywhere except on the machine itself), redirects are not followed (a token
 * request must reach the endpoint it names), every request has a time limit, and failures become
 * AppErrors. Nothing here logs a request or a response: they carry codes and tokens.
 *
 * Written on fetch rather than with oauth4webapi or openid-client: a mail client needs four form
 * posts and one URL (no ID token or JWT validation, no DPoP), and both libraries are ESM-only
 * while the main process is bundled as CommonJS.
 */
import { AppError } from '../../../shared/errors'
import { mapNetworkError } from '../net/network-errors'

const DEFAULT_TIMEOUT_MS = 30_000
/** Token and metadata responses are a few kilobytes; refuse to read a huge one into memory. */
const MAX_RESPONSE_BYTES = 1024 * 1024

export interface HttpOptions {
  timeoutMs?: number
  /** Cancels the request (the person closed the sign-in): CANCELLED. */
  signal?: AbortSignal
}

/**
 * RFC 6749 §3.1, §3.2 and RFC 8414 §2: endpoints are https URLs without a fragment. Plain http is
 * accepted only on a loopback IP address (a provider on this machine: tests, a local gateway),
 * where nothing crosses a network.
 */
export function checkEndpointUrl(value: string, field: string): URL {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new AppError('INVALID_INPUT', `Not a URL: ${field}`, { detail: { field } })
  }
  const loopback = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(url.hostname) || url.hostname === '[::1]'
  const ok = url.protocol === 'https:' || (url.protocol === 'http:' && loopback)
  if (!ok || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new AppError('INVALID_INPUT', `${field} must be an https URL (${url.origin})`, {
      detail: { field, reason: 'insecure-url' },
    })
  }
  return url
}

export interface HttpAnswer {
  status: number
  /** The parsed JSON body, or undefined when the body is not JSON. */
  json: unknown
}

export async function getJson(url: URL, options: HttpOptions = {}): Promise<HttpAnswer> {
  return request(url, { method: 'GET', headers: { accept: 'application/json' } }, options)
}

/** An application/x-www-form-urlencoded POST (RFC 6749 §4.1.3, §6; RFC 7009 §2.1). */
export async function postForm(
  url: URL,
  params: Record<string, string>,
  options: HttpOptions = {},
): Promise<HttpAnswer> {
  return request(
    url,
    {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(params).toString(),
    },
    options,
  )
}

async function request(url: URL, init: RequestInit, options: HttpOptions): Promise<HttpAnswer> {
  const timeout = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS)
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout
  try {
    const res = await fetch(url, { ...init, redirect: 'manual', signal })
    const text = await readLimited(res)
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      json = undefined
    }
    return { status: res.status, json }
  } catch (err) {
    throw httpError(err, url, options.signal)
  }
}

async function readLimited(res: Response): Promise<string> {
  const length = Number(res.headers.get('content-length') ?? 0)
  if (length > MAX_RESPONSE_BYTES) throw tooLarge()
  const body = await res.arrayBuffer()
  if (body.byteLength > MAX_RESPONSE_BYTES) throw tooLarge()
  return new TextDecoder().decode(body)
}

function tooLarge(): AppError {
  return new AppError('SERVER_REJECTED', 'The sign-in server sent an oversized answer', {
    retryable: false,
    detail: { reason: 'too-large' },
  })
}

function httpError(err: unknown, url: URL, userSignal: AbortSignal | undefined): AppError {
  if (err instanceof AppError) return err
  const where = { host: url.hostname, port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)) }
  if (userSignal?.aborted) return new AppError('CANCELLED', 'The sign-in was cancelled')
  const name = (err as { name?: unknown } | null)?.name
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new AppError('TIMEOUT', `${url.host} did not answer in time`, {
      cause: err,
      detail: { host: where.host, port: where.port },
    })
  }
  // fetch reports socket and TLS failures as "TypeError: fetch failed" with the Node error as cause.
  const cause = (err as { cause?: unknown } | null)?.cause
  const mapped = mapNetworkError(cause ?? err, where)
  if (mapped) return mapped
  return new AppError('CONNECTION_FAILED', `The request to ${url.host} failed`, {
    cause: err,
    detail: { host: where.host, port: where.port },
  })
}
