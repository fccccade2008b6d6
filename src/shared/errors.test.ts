import { describe, expect, it } from 'vitest'
import { AppError, ERROR_CODES, ERROR_REASONS, isAppErrorData, isErrorReason, toAppErrorData } from './errors'

describe('AppError', () => {
  it('carries code, retryability and detail into plain data', () => {
    const err = new AppError('AUTH_FAILED', 'login rejected', {
      detail: { serverResponse: 'NO [AUTHENTICATIONFAILED]' },
    })
    expect(err.toData()).toEqual({
      code: 'AUTH_FAILED',
      message: 'login rejected',
      retryable: false,
      detail: { serverResponse: 'NO [AUTHENTICATIONFAILED]' },
    })
    expect(structuredClone(err.toData())).toEqual(err.toData())
  })
  it('marks network failures retryable unless told otherwise', () => {
    expect(new AppError('CONNECTION_FAILED', 'x').retryable).toBe(true)
    expect(new AppError('TIMEOUT', 'x').retryable).toBe(true)
    expect(new AppError('TIMEOUT', 'x', { retryable: false }).retryable).toBe(false)
    expect(new AppError('SERVER_REJECTED', 'x').retryable).toBe(false)
  })
})

describe('toAppErrorData', () => {
  it('keeps AppError data and hides unknown errors behind INTERNAL', () => {
    expect(toAppErrorData(new AppError('CANCELLED', 'stop')).code).toBe('CANCELLED')
    expect(toAppErrorData(new Error('/secret/path'))).toEqual({
      code: 'INTERNAL',
      message: 'Unexpected internal error',
      retryable: false,
    })
    expect(toAppErrorData('a string')).toMatchObject({ code: 'INTERNAL' })
  })
  it('recognizes only well-formed error data', () => {
    expect(isAppErrorData({ code: 'TIMEOUT', message: 'm', retryable: true })).toBe(true)
    expect(isAppErrorData({ code: 'NOPE', message: 'm', retryable: true })).toBe(false)
    expect(isAppErrorData(null)).toBe(false)
  })
  it('has a closed, duplicate-free code list', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length)
  })
})

describe('AppError.from', () => {
  it('keeps an AppError as it is and rebuilds one from its data (as it crossed IPC)', () => {
    const app = new AppError('TIMEOUT', 'slow', { detail: { host: 'h' } })
    expect(AppError.from(app)).toBe(app)
    const again = AppError.from(structuredClone(app.toData()))
    expect(again).toBeInstanceOf(AppError)
    expect(again.toData()).toEqual(app.toData())
  })
  it('makes anything else INTERNAL, or what the caller says it is, keeping it as the cause', () => {
    const bug = new TypeError('x is undefined')
    const internal = AppError.from(bug)
    expect(internal.toData()).toEqual({
      code: 'INTERNAL',
      message: 'Unexpected internal error',
      retryable: false,
    })
    expect(internal.cause).toBe(bug)
    const copy = AppError.from(bug, { code: 'STORAGE_FAILED', message: 'not saved', retryable: true })
    expect([copy.code, copy.message, copy.retryable]).toEqual(['STORAGE_FAILED', 'not saved', true])
    expect(AppError.from('thrown string', { message: 'Sync failed' }).message).toBe('Sync failed')
  })
})

describe('detail.reason', () => {
  it('is a closed, duplicate-free list that isErrorReason checks', () => {
    expect(new Set(ERROR_REASONS).size).toBe(ERROR_REASONS.length)
    expect(isErrorReason('login-rejected')).toBe(true)
    expect(isErrorReason('login-rejectd')).toBe(false)
  })
  it('is checked per code where an AppError is made (typecheck)', () => {
    const ok = new AppError('CONNECTION_FAILED', 'x', { detail: { reason: 'refused' } })
    // @ts-expect-error 'refused' is a CONNECTION_FAILED reason, not a TIMEOUT one
    const wrongCode = new AppError('TIMEOUT', 'x', { detail: { reason: 'refused' } })
    // @ts-expect-error a misspelt reason
    const misspelt = new AppError('AUTH_FAILED', 'x', { detail: { reason: 'login-rejectd' } })
    expect([ok, wrongCode, misspelt].map((e) => e.code)).toEqual([
      'CONNECTION_FAILED',
      'TIMEOUT',
      'AUTH_FAILED',
    ])
  })
})
