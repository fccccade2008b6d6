import { getSchema } from '@tiptap/core'
import { Node } from '@tiptap/pm/model'
import StarterKit from '@tiptap/starter-kit'
import { describe, expect, it } from 'vitest'
import { editorPlainText } from './editor-text'

const schema = getSchema([StarterKit])
const text = (t: string, marks?: unknown[]) => ({ type: 'text', text: t, ...(marks ? { marks } : {}) })
const p = (...content: unknown[]) => ({ type: 'paragraph', content })
const doc = (...content: unknown[]) => Node.fromJSON(schema, { type: 'doc', content })

describe('editorPlainText', () => {
  it('makes each Enter one line break and an empty paragraph one blank line', () => {
    expect(editorPlainText(doc(p(text('line one')), p(text('line two'))))).toBe('line one\nline two')
    expect(editorPlainText(doc(p(text('one')), p(), p(text('two'))))).toBe('one\n\ntwo')
    expect(editorPlainText(doc(p(text('a'), { type: 'hardBreak' }, text('b'))))).toBe('a\nb')
  })

  it('quotes, lists and links read as plain text does', () => {
    const d = doc(
      p(
        text('See '),
        text('the site', [{ type: 'link', attrs: { href: 'https://example.test/' } }]),
        text('.'),
      ),
      {
        type: 'bulletList',
        content: [
          { type: 'listItem', content: [p(text('first'))] },
          { type: 'listItem', content: [p(text('second')), p(text('more'))] },
        ],
      },
      {
        type: 'orderedList',
        attrs: { start: 3 },
        content: [{ type: 'listItem', content: [p(text('third'))] }],
      },
      {
        type: 'blockquote',
        content: [p(text('quoted')), p(), { type: 'blockquote', content: [p(text('deeper'))] }],
      },
      p(text('-- '), { type: 'hardBreak' }, text('Sig')),
    )
    expect(editorPlainText(d)).toBe(
      [
        'See the site <https://example.test/>.',
        '- first',
        '- second',
        '  more',
        '3. third',
        '> quoted',
        '>',
        '>> deeper',
        '-- ',
        'Sig',
      ].join('\n'),
    )
  })
})
