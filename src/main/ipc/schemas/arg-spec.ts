import { z } from 'zod'
import type { AppErrorData } from '../../../shared/errors'

/** How one method's arguments are validated: parameter names (for error messages) and a tuple schema. */
export interface ArgSpec<Args extends readonly unknown[]> {
  params: readonly string[]
  schema: z.ZodType<Args>
}

/** One ArgSpec per method of Api: a missing or mistyped entry fails to compile. */
export type ArgSpecs<Api> = {
  [K in keyof Api]: Api[K] extends (...args: infer A) => unknown ? ArgSpec<A> : never
}

/**
 * Declares a method's parameters by name and schema. The tuple rejects extra arguments, and
 * object schemas are expected to be strict (z.strictObject) so unknown keys are refused too.
 */
export function args<const T extends readonly (readonly [string, z.ZodType])[]>(
  ...entries: T
): ArgSpec<{ -readonly [I in keyof T]: z.output<T[I][1]> }> {
  const items = entries.map(([, schema]) => schema) as unknown as [z.ZodType, ...z.ZodType[]]
  return {
    params: entries.map(([name]) => name),
    schema: (entries.length === 0 ? z.tuple([]) : z.tuple(items)) as unknown as z.ZodType<{
      -readonly [I in keyof T]: z.output<T[I][1]>
    }>,
  }
}

/** Strings that end up in protocol lines or headers must never carry CR or LF. */
export const singleLine = (max = 998) =>
  z
    .string()
    .max(max)
    .refine((s) => !/[\r\n]/.test(s), { message: 'must not contain line breaks' })

/**
 * Checks raw IPC arguments against a method's spec. A failure names the field as
 * "<param>.<path>" (e.g. "account.incoming.port") so the UI can point at it.
 */
export function validateArgs<A extends readonly unknown[]>(
  spec: ArgSpec<A>,
  method: string,
  raw: readonly unknown[],
): { ok: true; value: A } | { ok: false; error: AppErrorData } {
  const parsed = spec.schema.safeParse(raw)
  if (parsed.success) return { ok: true, value: parsed.data }
  const issue = parsed.error.issues[0]
  const [index, ...rest] = issue?.path ?? []
  let field = method
  if (typeof index === 'number') field = [spec.params[index] ?? `arg${index}`, ...rest.map(String)].join('.')
  else if (issue?.code === 'too_small' && Array.isArray(raw)) field = spec.params[raw.length] ?? method
  else if (issue?.code === 'too_big') field = `${method} (too many arguments)`
  const message = `Invalid ${field}: ${issue?.message ?? 'invalid arguments'}`
  return { ok: false, error: { code: 'INVALID_INPUT', message, retryable: false, detail: { field } } }
}
