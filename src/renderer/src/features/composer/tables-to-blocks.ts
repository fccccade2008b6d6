/**
 * The editor's schema (StarterKit) has no tables: ProseMirror would pour every cell of a quoted
 * table into one paragraph, and a forwarded newsletter's price list would read
 * "ItemPriceCoffee3.50Tea2.00". Before the editor reads an HTML body, each table becomes blocks it
 * can hold: a row of cells that hold only text becomes one paragraph, cells separated by " | ";
 * a layout table (cells holding blocks, such as a nested table) gives each cell's content as a
 * block of its own, in reading order. Innermost tables go first, so nesting unrolls from inside.
 */
const BLOCK = 'p,div,table,ul,ol,blockquote,h1,h2,h3,h4,h5,h6,pre,hr'

export function tablesToBlocks(html: string): string {
  if (!/<table/i.test(html)) return html
  const doc = new DOMParser().parseFromString(`<!doctype html><body>${html}</body>`, 'text/html')
  const tables = Array.from(doc.querySelectorAll('table')).reverse()
  for (const table of tables) {
    const blocks = doc.createDocumentFragment()
    if (table.caption?.textContent?.trim()) {
      const caption = doc.createElement('p')
      caption.append(...Array.from(table.caption.childNodes))
      blocks.append(caption)
    }
    for (const row of Array.from(table.rows)) {
      const cells = Array.from(row.cells).filter((c) => c.textContent?.trim() || c.querySelector('img'))
      if (cells.length === 0) continue
      if (cells.every((c) => !c.querySelector(BLOCK))) {
        const line = doc.createElement('p')
        cells.forEach((c, i) => {
          if (i > 0) line.append(' | ')
          line.append(...Array.from(c.childNodes))
        })
        blocks.append(line)
      } else {
        for (const c of cells) {
          const block = doc.createElement('div')
          block.append(...Array.from(c.childNodes))
          blocks.append(block)
        }
      }
    }
    table.replaceWith(blocks)
  }
  return doc.body.innerHTML
}
