/**
 * JSON with bytes: Electron's IPC uses structured clone, which carries Uint8Array; the bridge's HTTP
 * transport carries JSON, so byte arrays travel as {"$bytes": base64}. Used by both ends.
 */
const BYTES = '$bytes'

function toBase64(bytes: Uint8Array): string {
  let s = ''
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(s)
}

function fromBase64(b64: string): Uint8Array {
  const s = atob(b64)
  const out = new Uint8Array(s.length)
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i)
  return out
}

export function encodeWire(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Uint8Array) return { [BYTES]: toBase64(v) }
    // Buffer.toJSON runs before the replacer sees it: catch its {type:'Buffer', data} form too.
    if (typeof v === 'object' && v !== null && (v as { type?: unknown }).type === 'Buffer') {
      const data = (v as { data?: unknown }).data
      if (Array.isArray(data)) return { [BYTES]: toBase64(Uint8Array.from(data as number[])) }
    }
    return v
  })
}

export function decodeWire(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
      const keys = Object.keys(v)
      const b = (v as Record<string, unknown>)[BYTES]
      if (keys.length === 1 && typeof b === 'string') return fromBase64(b)
    }
    return v
  })
}
