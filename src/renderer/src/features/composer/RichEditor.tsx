import { EditorContent, useEditor, type Editor } from '@tiptap/react'
import { useRovingToolbar } from './use-roving-toolbar'
import StarterKit from '@tiptap/starter-kit'
import { useState } from 'react'
import { editorPlainText } from './editor-text'
import { tablesToBlocks } from './tables-to-blocks'

/**
 * The rich-text body, on TipTap (ProseMirror). Chosen over a bare contentEditable because its
 * schema decides what the document can hold: pasted or quoted HTML is reduced to paragraphs,
 * bold, italic, lists, links, quotes and line breaks, so the HTML we send is always that small,
 * well-formed subset (a contentEditable keeps whatever markup the paste brought, and
 * `execCommand` is deprecated). Input HTML must already be sanitized (lib/sanitizer, the editor variant).
 */
const SAFE_LINK = /^(?:https?:|mailto:)/i

interface Props {
  /** Sanitized HTML; read once when the editor is created. */
  initialHtml: string
  onChange: (html: string, text: string) => void
  onEditor?: (editor: Editor) => void
}

export function RichEditor({ initialHtml, onChange, onEditor }: Props) {
  const [linkOpen, setLinkOpen] = useState(false)
  const [href, setHref] = useState('https://')
  const { ref: toolbarRef, onKeyDown: onToolbarKey } = useRovingToolbar<HTMLDivElement>()
  const editor = useEditor({
    extensions: [
      StarterKit.configure({
        heading: false,
        code: false,
        codeBlock: false,
        horizontalRule: false,
        link: {
          openOnClick: false,
          autolink: true,
          defaultProtocol: 'https',
          protocols: ['mailto'],
          isAllowedUri: (url) => SAFE_LINK.test(url),
        },
      }),
    ],
    content: tablesToBlocks(initialHtml),
    // The editable area is a textbox: it needs a name of its own (WCAG 4.1.2).
    editorProps: { attributes: { 'aria-label': 'Message text', 'aria-multiline': 'true' } },
    onCreate: ({ editor: e }) => onEditor?.(e),
    onUpdate: ({ editor: e }) => onChange(e.getHTML(), editorPlainText(e.state.doc)),
  })
  if (!editor) return null
  const button = (label: string, active: boolean, run: () => void, testId: string) => (
    <button
      type="button"
      aria-pressed={active}
      data-testid={testId}
      onMouseDown={(e) => e.preventDefault()}
      onClick={run}
    >
      {label}
    </button>
  )
  const chain = () => editor.chain().focus()
  return (
    <div className="rich-editor">
      <div
        className="toolbar"
        role="toolbar"
        aria-label="Formatting"
        ref={toolbarRef}
        onKeyDown={onToolbarKey}
      >
        {button('Bold', editor.isActive('bold'), () => chain().toggleBold().run(), 'fmt-bold')}
        {button('Italic', editor.isActive('italic'), () => chain().toggleItalic().run(), 'fmt-italic')}
        {button(
          '• List',
          editor.isActive('bulletList'),
          () => chain().toggleBulletList().run(),
          'fmt-bullets',
        )}
        {button(
          '1. List',
          editor.isActive('orderedList'),
          () => chain().toggleOrderedList().run(),
          'fmt-numbers',
        )}
        {button('Quote', editor.isActive('blockquote'), () => chain().toggleBlockquote().run(), 'fmt-quote')}
        {button('Link', editor.isActive('link'), () => setLinkOpen((o) => !o), 'fmt-link')}
        {linkOpen && (
          <form
            className="link-form"
            onSubmit={(e) => {
              e.preventDefault()
              if (SAFE_LINK.test(href)) chain().extendMarkRange('link').setLink({ href }).run()
              else if (href === '') chain().extendMarkRange('link').unsetLink().run()
              setLinkOpen(false)
            }}
          >
            <input aria-label="Link address" value={href} onChange={(e) => setHref(e.target.value)} />
            <button type="submit">Apply</button>
          </form>
        )}
      </div>
      <EditorContent editor={editor} className="editor-body" data-testid="composer-body" />
    </div>
  )
}
