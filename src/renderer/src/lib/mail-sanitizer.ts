import DOMPurify from 'dompurify'

/**
 * The one DOMPurify configuration for mail HTML: the reader uses it to display messages and the
 * composer uses it on every body it loads (quoted replies, forwards, drafts from the server), so
 * quoted text passes through the same sanitizer as the reader (design.md, hostile mail).
 *
 * Scripts, styles sheets, frames, forms and embedded objects go; links keep only http(s), mailto;
 * images keep only cid: and data: sources unless remote content is allowed (remote images are
 * trackers by default).
 */
const purifier = DOMPurify(window)

const FORBID_TAGS = [
  'style',
  'script',
  'iframe',
  'frame',
  'frameset',
  'form',
  'input',
  'button',
  'textarea',
  'select',
  'object',
  'embed',
  'link',
  'meta',
  'base',
  'svg',
  'math',
  'template',
]
const SAFE_URI = /^(?:https?:|mailto:|cid:|data:image\/(?:png|gif|jpe?g|webp);)/i

let allowRemote = false
purifier.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'IMG') {
    const src = node.getAttribute('src') ?? ''
    if (!allowRemote && /^https?:/i.test(src)) {
      node.removeAttribute('src')
      node.setAttribute('data-blocked-src', 'remote')
    }
    node.removeAttribute('srcset')
  }
  if (node.tagName === 'A') {
    node.setAttribute('rel', 'noopener noreferrer')
    node.removeAttribute('target')
  }
})

export function sanitizeMailHtml(html: string, opts: { allowRemote?: boolean } = {}): string {
  allowRemote = opts.allowRemote ?? false
  try {
    return purifier.sanitize(html, {
      FORBID_TAGS,
      FORBID_ATTR: ['srcset', 'action', 'formaction', 'background', 'ping'],
      ALLOWED_URI_REGEXP: SAFE_URI,
      ALLOW_DATA_ATTR: false,
      WHOLE_DOCUMENT: false,
    })
  } finally {
    allowRemote = false
  }
}
