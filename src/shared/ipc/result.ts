import type { AppErrorData } from '../errors'

/**
 * Every IPC answer is a Result: Electron serializes thrown errors into a bare message and loses
 * their code, so main never lets an exception cross the boundary.
 */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorData }

export function ok<T>(value: T): Result<T> {
  return { ok: true, value }
}

export function fail<T = never>(error: AppErrorData): Result<T> {
  return { ok: false, error }
}
