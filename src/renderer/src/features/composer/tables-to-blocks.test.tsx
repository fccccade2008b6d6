import { Editor } from '@tiptap/core'
import StarterKit from '@tiptap/starter-kit'
import { describe, expect, it } from 'vitest'
import { editorPlainText } from './editor-text'
import { tablesToBlocks } from './tables-to-blocks'

const NEWSLETTER =
  '<table><tr><td><h1>Weekly News</h1></td></tr>' +
  '<tr><td><table><tr><th>Item</th><th>Price</th></tr><tr><td>Coffee</td><td><b>3.50</b></td></tr>' +
  '<tr><td>Tea</td><td>2.00</td></tr></table></td></tr>' +
  '<tr><td><p>Read <a href="https://news.example/more">more</a></p></td><td></td></tr></table>'

describe('tablesToBlocks', () => {
  it('keeps a quoted table readable in the editor: one line per row, cells apart', () => {
    const editor = new Editor({ extensions: [StarterKit], content: tablesToBlocks(NEWSLETTER) })
    expect(editorPlainText(editor.state.doc)).toBe(
      'Weekly News\nItem | Price\nCoffee | 3.50\nTea | 2.00\nRead more <https://news.example/more>',
    )
    expect(editor.getHTML()).toContain('<p>Coffee | <strong>3.50</strong></p>')
    editor.destroy()
  })

  it('leaves HTML without tables as it is', () => {
    expect(tablesToBlocks('<p>a</p><p>b</p>')).toBe('<p>a</p><p>b</p>')
  })
})
