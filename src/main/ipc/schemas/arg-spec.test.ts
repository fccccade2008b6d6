import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { args, singleLine, validateArgs } from './arg-spec'

const spec = args(
  ['accountId', z.string().min(1)],
  [
    'settings',
    z.strictObject({
      host: singleLine(253),
      port: z.number().int().min(1).max(65535),
      security: z.enum(['tls', 'starttls', 'none']),
    }),
  ],
)

describe('validateArgs', () => {
  it('accepts valid arguments and returns them typed', () => {
    const result = validateArgs(spec, 'save', [
      'a1',
      { host: 'imap.example.test', port: 993, security: 'tls' },
    ])
    expect(result).toEqual({
      ok: true,
      value: ['a1', { host: 'imap.example.test', port: 993, security: 'tls' }],
    })
  })

  it.each([
    ['a wrong type', [1, { host: 'h', port: 993, security: 'tls' }], 'accountId'],
    ['a port out of range', ['a', { host: 'h', port: 70000, security: 'tls' }], 'settings.port'],
    ['an unknown security value', ['a', { host: 'h', port: 1, security: 'ssl' }], 'settings.security'],
    ['a host with CR/LF', ['a', { host: 'h\r\nRCPT TO:<x>', port: 1, security: 'tls' }], 'settings.host'],
    ['a missing argument', ['a'], 'settings'],
  ])('refuses %s with INVALID_INPUT naming the field', (_name, raw, field) => {
    const result = validateArgs(spec, 'save', raw)
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', retryable: false, detail: { field } },
    })
    if (!result.ok) expect(result.error.message).toContain(field)
  })

  it('refuses unknown keys in an object argument', () => {
    const result = validateArgs(spec, 'save', ['a', { host: 'h', port: 1, security: 'tls', password: 'x' }])
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', detail: { field: 'settings' } },
    })
  })

  it('refuses extra arguments', () => {
    const result = validateArgs(spec, 'save', ['a', { host: 'h', port: 1, security: 'tls' }, 'extra'])
    expect(result.ok).toBe(false)
  })

  it('refuses a non-array argument list', () => {
    expect(validateArgs(args(), 'noop', 'x' as unknown as unknown[]).ok).toBe(false)
  })
})
