import { describe, expect, it } from 'vitest'
import { linkify } from './linkify'

describe('linkify', () => {
  it('finds web and mail addresses and keeps the rest as text', () => {
    expect(linkify('See https://example.test/a?b=1. Or www.example.test, or mail bob@example.test!')).toEqual(
      [
        { kind: 'text', text: 'See ' },
        { kind: 'link', text: 'https://example.test/a?b=1', target: 'https://example.test/a?b=1' },
        { kind: 'text', text: '. Or ' },
        { kind: 'link', text: 'www.example.test', target: 'http://www.example.test/' },
        { kind: 'text', text: ', or mail ' },
        { kind: 'link', text: 'bob@example.test', target: 'mailto:bob@example.test' },
        { kind: 'text', text: '!' },
      ],
    )
  })

  it('keeps balanced parentheses and drops the sentence’s own', () => {
    const pieces = linkify('(see https://en.example/wiki/A_(b))')
    expect(pieces[1]).toEqual({
      kind: 'link',
      text: 'https://en.example/wiki/A_(b)',
      target: 'https://en.example/wiki/A_(b)',
    })
  })

  it('never links other schemes and keeps markup as text', () => {
    const pieces = linkify('javascript:alert(1) <b>bold</b> file:///etc/passwd')
    expect(pieces).toEqual([{ kind: 'text', text: 'javascript:alert(1) <b>bold</b> file:///etc/passwd' }])
  })
})
