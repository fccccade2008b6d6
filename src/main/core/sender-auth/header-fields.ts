/**
 * The message's header fields in order (top first), and what their order tells: which
 * Received field is the first hop from outside (RFC 5321 §4.4: each server prepends its own), and
 * which Authentication-Results fields sit above it, where only our own servers can have put them.
 */
import { BlockList, isIP } from 'node:net'
import { headerBlockLength } from '../mime/header-lines'
import { parseAuthResults, type AuthResults } from './auth-results'

export interface HeaderField {
  /** Lower case. */
  name: string
  /** Unfolded (RFC 5322 §2.2.3). */
  value: string
}

export function headerFields(raw: Buffer): HeaderField[] {
  const block = raw.subarray(0, headerBlockLength(raw)).toString('utf8')
  const out: HeaderField[] = []
  for (const line of block.split(/\r?\n(?![ \t])/)) {
    const colon = line.indexOf(':')
    if (colon <= 0) continue
    out.push({
      name: line.slice(0, colon).trim().toLowerCase(),
      value: line
        .slice(colon + 1)
        .replace(/\r?\n/g, '')
        .trim(),
    })
  }
  return out
}

/** Addresses that are not on the Internet: a hop from one of them is inside the receiving site. */
const INTERNAL = new BlockList()
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const)
  INTERNAL.addSubnet(net, bits, 'ipv4')
for (const [net, bits] of [
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
] as const)
  INTERNAL.addSubnet(net, bits, 'ipv6')

export function isInternalIp(ip: string): boolean {
  const family = isIP(ip)
  if (family === 0) return true
  return INTERNAL.check(ip, family === 4 ? 'ipv4' : 'ipv6')
}

export interface Hop {
  /** Position of its Received field in headerFields(). */
  index: number
  ip: string
  /** The name the client gave in EHLO/HELO ("from <helo>"). */
  helo: string | null
}

/** The client of one Received field: "from <helo> (<rdns> [<ip>])" (RFC 5321 §4.4 TCP-info). */
function hopOf(value: string, index: number): Hop | null {
  const from = /^\s*from\s+(.*?)(?:\s+by\s|;|$)/is.exec(value)?.[1]
  if (!from) return null
  const ip = /\[(?:ipv6:)?([0-9a-f:.]+)\]/i.exec(from)?.[1]
  if (!ip || isIP(ip) === 0) return null
  const helo = /^([^\s(]+)/.exec(from)?.[1] ?? null
  return { index, ip, helo: helo && !helo.startsWith('[') ? helo : null }
}

/**
 * The first hop from outside: the topmost Received field whose client is on the Internet (fields
 * below it were written by others and can say anything). When every client is internal (a local
 * network, the test stack), the topmost one: the hop our own server saw.
 */
export function firstExternalHop(fields: readonly HeaderField[]): Hop | null {
  let topmost: Hop | null = null
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!
    if (f.name !== 'received') continue
    const hop = hopOf(f.value, i)
    if (!hop) continue
    if (!isInternalIp(hop.ip)) return hop
    topmost ??= hop
  }
  return topmost
}

/** The authserv-id of the topmost Authentication-Results field: who added results last. */
export function topmostAuthservId(fields: readonly HeaderField[]): string | null {
  for (const f of fields) {
    if (f.name === 'authentication-results') return parseAuthResults(f.value)?.authservId ?? null
  }
  return null
}

/**
 * The results our own receiving server added: Authentication-Results fields with its authserv-id
 * in our servers' part of the header: above the first external hop's Received field, or in that
 * field's own trace block (Gmail puts its results right below its Received), never under the next
 * Received, which the sender's side wrote. A conforming border server also deletes fields that
 * claim its id (RFC 8601 §5); this is the second line. Fields of other ids are ignored.
 */
export function ownServerResults(fields: readonly HeaderField[], authservId: string): AuthResults[] {
  const hop = firstExternalHop(fields)
  let limit = fields.length
  if (hop) {
    const next = fields.findIndex((f, i) => i > hop.index && f.name === 'received')
    if (next >= 0) limit = next
  }
  const out: AuthResults[] = []
  for (let i = 0; i < limit; i++) {
    const f = fields[i]!
    if (f.name !== 'authentication-results') continue
    const parsed = parseAuthResults(f.value)
    if (parsed && parsed.authservId === authservId.toLowerCase()) out.push(parsed)
  }
  return out
}

export function fieldValue(fields: readonly HeaderField[], name: string): string | null {
  return fields.find((f) => f.name === name)?.value ?? null
}
