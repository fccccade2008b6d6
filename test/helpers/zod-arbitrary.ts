/**
 * fast-check arbitraries derived from the IPC layer's zod schemas (zod 4's `_zod.def`), so a
 * property test reaches every method with arguments that pass validation and carry edge values
 * (unknown ids, empty and maximal strings, boundary numbers), whatever methods are added later.
 * `leaf` lets a test offer its own values for a path (ids that exist, hosts that answer).
 */
import fc from 'fast-check'
import type { z } from 'zod'

interface Def {
  type: string
  checks?: { _zod: { def: Record<string, unknown> } }[]
  shape?: Record<string, z.ZodType>
  items?: z.ZodType[]
  element?: z.ZodType
  innerType?: z.ZodType
  options?: z.ZodType[]
  entries?: Record<string, string | number>
  values?: unknown[]
  in?: z.ZodType
}

/**
 * Values a test offers for a path: for 'string' and 'number' leaves, and for any node ('value'),
 * e.g. a whole valid object where many fields must agree (an account's settings). Offered values
 * are mixed with the derived ones, never replace them.
 */
export type LeafOverride = (
  path: string,
  kind: 'string' | 'number' | 'value',
) => fc.Arbitrary<unknown> | undefined

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def

function limits(def: Def): { min?: number; max?: number; pattern?: RegExp } {
  const out: { min?: number; max?: number; pattern?: RegExp } = {}
  for (const c of def.checks ?? []) {
    const d = c._zod.def
    if (d['check'] === 'min_length') out.min = d['minimum'] as number
    if (d['check'] === 'max_length') out.max = d['maximum'] as number
    if (d['check'] === 'greater_than') out.min = d['value'] as number
    if (d['check'] === 'less_than') out.max = d['value'] as number
    if (d['check'] === 'string_format' && d['pattern'] instanceof RegExp) out.pattern = d['pattern']
  }
  return out
}

/** Strings at the edges: empty, blank, control characters, non-BMP, and the longest allowed and one more. */
function edgeStrings(max: number | undefined): string[] {
  const long = Math.min(max ?? 100_000, 100_000)
  return [
    '',
    ' ',
    'x',
    '\r\n',
    '\u0000',
    '../../etc/passwd',
    '😀'.repeat(3),
    'ß'.repeat(long),
    'a'.repeat(long + 1),
  ]
}

export function arbitraryFor(schema: z.ZodType, leaf: LeafOverride, path = ''): fc.Arbitrary<unknown> {
  const whole = leaf(path, 'value')
  const derived = derive(schema, leaf, path)
  return whole ? fc.oneof(whole, derived) : derived
}

function derive(schema: z.ZodType, leaf: LeafOverride, path: string): fc.Arbitrary<unknown> {
  const def = defOf(schema)
  switch (def.type) {
    case 'tuple':
      return fc.tuple(...(def.items ?? []).map((s, i) => arbitraryFor(s, leaf, `${path}[${i}]`)))
    case 'object': {
      const shape = def.shape ?? {}
      const model: Record<string, fc.Arbitrary<unknown>> = {}
      const required: string[] = []
      for (const [key, s] of Object.entries(shape)) {
        const optional = defOf(s).type === 'optional'
        model[key] = arbitraryFor(optional ? defOf(s).innerType! : s, leaf, path ? `${path}.${key}` : key)
        if (!optional) required.push(key)
      }
      return fc.record(model, { requiredKeys: required })
    }
    case 'array': {
      const { min = 0, max = 5 } = limits(def)
      return fc.array(arbitraryFor(def.element!, leaf, `${path}[]`), {
        minLength: min,
        maxLength: Math.min(max, 5),
      })
    }
    case 'optional':
      return fc.option(arbitraryFor(def.innerType!, leaf, path), { nil: undefined })
    case 'nullable':
      return fc.option(arbitraryFor(def.innerType!, leaf, path), { nil: null })
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries ?? {}))
    case 'literal':
      return fc.constantFrom(...(def.values ?? []))
    case 'boolean':
      return fc.boolean()
    case 'pipe':
      return arbitraryFor(def.in!, leaf, path)
    case 'union':
      return fc.oneof(...(def.options ?? []).map((s) => arbitraryFor(s, leaf, path)))
    case 'number': {
      const { min = -(2 ** 31), max = 2 ** 31 } = limits(def)
      const own = leaf(path, 'number')
      const edges = fc.constantFrom(min, max, min - 1, max + 1, 0, -1, Number.MAX_SAFE_INTEGER, 0.5)
      // A bound need not be an integer (zoom 0.5..3): integers when both are, doubles otherwise.
      const whole = Number.isInteger(min) && Number.isInteger(max)
      const inRange = {
        arbitrary: whole ? fc.integer({ min, max }) : fc.double({ min, max, noNaN: true }),
        weight: 6,
      }
      return own
        ? fc.oneof({ arbitrary: own, weight: 6 }, inRange, { arbitrary: edges, weight: 1 })
        : fc.oneof(inRange, { arbitrary: edges, weight: 1 })
    }
    case 'string': {
      const { min = 0, max, pattern } = limits(def)
      const own = leaf(path, 'string')
      const shaped = pattern
        ? fc.stringMatching(pattern)
        : fc.string({ minLength: min, maxLength: Math.min(max ?? 40, 40), unit: 'grapheme' })
      // Mostly values that pass (so calls reach the service through objects of many fields), some edges.
      const edges = { arbitrary: fc.constantFrom(...edgeStrings(max)), weight: 1 }
      return own
        ? fc.oneof({ arbitrary: own, weight: 16 }, { arbitrary: shaped, weight: 1 }, edges)
        : fc.oneof({ arbitrary: shaped, weight: 8 }, edges)
    }
    case 'custom':
      return fc.oneof(fc.uint8Array({ maxLength: 64 }), fc.anything())
    default:
      return fc.anything()
  }
}

/** Anything at all, as a renderer gone wrong (or hostile) could send: wrong types, nesting, prototypes. */
export const junkArgs = fc.array(
  fc.oneof(
    fc.anything({
      maxDepth: 3,
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withTypedArray: true,
      withNullPrototype: true,
      withObjectString: true,
      withSparseArray: true,
    }),
    fc.constantFrom(
      -1,
      -0,
      Number.NaN,
      Infinity,
      2 ** 64,
      '',
      '0',
      '-1',
      '999999999999999',
      'a'.repeat(70_000),
    ),
  ),
  { maxLength: 4 },
)
