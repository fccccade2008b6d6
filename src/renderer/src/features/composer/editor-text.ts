/**
 * The plain-text alternative of what was typed in the rich editor, read from the editor's own
 * document (ProseMirror nodes), not from its HTML: in the editor every Enter starts a paragraph,
 * so a paragraph is one line, an empty paragraph a blank line, and Shift+Enter a line break
 * inside one. "line one⏎line two" is "line one\nline two", never double-spaced. Quotes become
 * "> " lines (RFC 3676 §4.5), list items "- " or "1. ", a link keeps its target in <>, and a
 * table row is one line with its cells separated by " | ".
 */
export interface DocNode {
  type: { name: string }
  text?: string | undefined
  attrs: Record<string, unknown>
  marks: readonly { type: { name: string }; attrs: Record<string, unknown> }[]
  childCount: number
  child(index: number): DocNode
  isInline: boolean
}

const children = (node: DocNode): DocNode[] =>
  Array.from({ length: node.childCount }, (_, i) => node.child(i))

function linkOf(node: DocNode | undefined): string | null {
  const href = node?.marks.find((m) => m.type.name === 'link')?.attrs['href']
  return typeof href === 'string' ? href : null
}

function inline(node: DocNode): string {
  const parts = children(node)
  let out = ''
  parts.forEach((c, i) => {
    if (c.type.name === 'hardBreak') out += '\n'
    else if (c.text === undefined) out += c.isInline ? inline(c) : ''
    else {
      out += c.text
      // The target after the link's last piece, unless the text already shows it.
      const href = linkOf(c)
      if (href && linkOf(parts[i + 1]) !== href && !out.endsWith(href.replace(/^mailto:/, ''))) {
        out += ` <${href}>`
      }
    }
  })
  return out
}

const prefixed = (lines: string[], first: string, rest: string) =>
  lines.map((l, i) => `${i === 0 ? first : rest}${l}`)

/** The lines of a block node. */
function blockLines(node: DocNode): string[] {
  switch (node.type.name) {
    case 'paragraph':
    case 'heading':
      return inline(node).split('\n')
    case 'blockquote':
      return blocks(node).map((l) => (l === '' || l.startsWith('>') ? `>${l}` : `> ${l}`))
    case 'bulletList':
      return children(node).flatMap((item) => prefixed(blocks(item), '- ', '  '))
    case 'orderedList': {
      const start = typeof node.attrs['start'] === 'number' ? node.attrs['start'] : 1
      return children(node).flatMap((item, i) => {
        const mark = `${start + i}. `
        return prefixed(blocks(item), mark, ' '.repeat(mark.length))
      })
    }
    case 'table':
      return children(node).map((row) =>
        children(row)
          .map((cell) => blocks(cell).join(' ').trim())
          .join(' | '),
      )
    default:
      return node.isInline ? [inline(node)] : blocks(node)
  }
}

function blocks(node: DocNode): string[] {
  return children(node).flatMap(blockLines)
}

/** The text/plain alternative of the editor's document. */
export function editorPlainText(doc: DocNode): string {
  return blocks(doc).join('\n')
}
