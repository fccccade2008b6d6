import { describe, expect, it } from 'vitest'
import { validateArgs } from './arg-spec'
import { SEARCH_SCHEMAS } from './search-schemas'

describe('SearchApi argument schemas', () => {
  it('accept what the search box sends, any characters included', () => {
    for (const args of [
      ['from:"zoë" NEAR(a*)', {}],
      ['', { accountId: 'a1', limit: 200 }],
    ]) {
      expect(validateArgs(SEARCH_SCHEMAS.searchMessages, 'searchMessages', args).ok).toBe(true)
    }
  })

  it.each([
    [['x'.repeat(501), {}], 'query'],
    [[42, {}], 'query'],
    [['x', { limit: 0 }], 'options.limit'],
    [['x', { limit: 5000 }], 'options.limit'],
    [['x', { accountId: 'a\nb' }], 'options.accountId'],
    [['x', { everything: true }], 'options'],
    [['x'], 'options'],
  ] as const)('refuses %j naming %s', (raw, field) => {
    const result = validateArgs(SEARCH_SCHEMAS.searchMessages, 'searchMessages', raw as unknown as unknown[])
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', detail: { field } } })
  })
})
