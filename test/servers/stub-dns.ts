/**
 * A tiny authoritative DNS server on 127.0.0.1 (UDP) for discovery tests: answers A, MX and SRV
 * questions from a zone the test gives, NXDOMAIN for unknown names. It stands in for the
 * internet's DNS only; the client side is Node's real resolver (c-ares) pointed at it.
 *
 * Written by hand (RFC 1035 §4.1 message format, RFC 2782 SRV) rather than with a DNS package:
 * it is ~100 lines of test code, and the shared node_modules of this workspace takes no
 * installs from parallel branches.
 */
import { createSocket, type RemoteInfo } from 'node:dgram'

export interface Zone {
  [name: string]: {
    A?: string[]
    MX?: { preference: number; exchange: string }[]
    SRV?: { priority: number; weight: number; port: number; target: string }[]
  }
}

export interface StubDns {
  /** For DiscoveryOptions.dnsServers. */
  server: string
  /** Questions received, as "TYPE name". */
  questions: string[]
  close(): Promise<void>
}

const TYPES: Record<number, 'A' | 'MX' | 'SRV'> = { 1: 'A', 15: 'MX', 33: 'SRV' }

function encodeName(name: string): Buffer {
  const parts = name.replace(/\.$/, '').split('.').filter(Boolean)
  return Buffer.concat([
    ...parts.map((p) => Buffer.concat([Buffer.from([p.length]), Buffer.from(p)])),
    Buffer.from([0]),
  ])
}

function readQuestion(msg: Buffer): { name: string; type: number; end: number } | null {
  const labels: string[] = []
  let i = 12
  while (i < msg.length) {
    const len = msg[i]!
    if (len === 0) break
    if (len > 63) return null // no compression in questions
    labels.push(msg.subarray(i + 1, i + 1 + len).toString('ascii'))
    i += len + 1
  }
  if (i + 5 > msg.length) return null
  return { name: labels.join('.').toLowerCase(), type: msg.readUInt16BE(i + 1), end: i + 5 }
}

function rdata(type: 'A' | 'MX' | 'SRV', record: unknown): Buffer {
  if (type === 'A') return Buffer.from((record as string).split('.').map(Number))
  if (type === 'MX') {
    const mx = record as { preference: number; exchange: string }
    const pref = Buffer.alloc(2)
    pref.writeUInt16BE(mx.preference)
    return Buffer.concat([pref, encodeName(mx.exchange)])
  }
  const srv = record as { priority: number; weight: number; port: number; target: string }
  const head = Buffer.alloc(6)
  head.writeUInt16BE(srv.priority, 0)
  head.writeUInt16BE(srv.weight, 2)
  head.writeUInt16BE(srv.port, 4)
  return Buffer.concat([head, encodeName(srv.target)])
}

function answer(query: Buffer, zone: Zone, questions: string[]): Buffer | null {
  if (query.length < 12) return null
  const q = readQuestion(query)
  if (!q) return null
  const typeName = TYPES[q.type] ?? `TYPE${q.type}`
  questions.push(`${typeName} ${q.name}`)
  const node = zone[q.name]
  const records: unknown[] = (node && TYPES[q.type] ? node[TYPES[q.type]!] : undefined) ?? []
  const header = Buffer.alloc(12)
  header.writeUInt16BE(query.readUInt16BE(0), 0) // id
  // QR, AA, RD copied, RA; RCODE 3 (NXDOMAIN) when the name does not exist at all.
  header.writeUInt16BE(0x8400 | (query.readUInt16BE(2) & 0x0100) | 0x0080 | (node ? 0 : 3), 2)
  header.writeUInt16BE(1, 4)
  header.writeUInt16BE(records.length, 6)
  const rrs = records.map((r) => {
    const data = rdata(TYPES[q.type]!, r)
    const fixed = Buffer.alloc(12)
    fixed.writeUInt16BE(0xc00c, 0) // pointer to the question's name
    fixed.writeUInt16BE(q.type, 2)
    fixed.writeUInt16BE(1, 4) // IN
    fixed.writeUInt32BE(60, 6)
    fixed.writeUInt16BE(data.length, 10)
    return Buffer.concat([fixed, data])
  })
  return Buffer.concat([header, query.subarray(12, q.end), ...rrs])
}

export async function startStubDns(zone: Zone): Promise<StubDns> {
  const socket = createSocket('udp4')
  const questions: string[] = []
  socket.on('message', (msg: Buffer, from: RemoteInfo) => {
    const reply = answer(msg, zone, questions)
    if (reply) socket.send(reply, from.port, from.address)
  })
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve))
  return {
    server: `127.0.0.1:${socket.address().port}`,
    questions,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  }
}
