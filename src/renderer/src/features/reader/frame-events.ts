/**
 * How the message frame's links work without any script inside the frame.
 *
 * The frame is `sandbox="allow-same-origin"` and nothing else: no allow-scripts, so no script of
 * the message ever runs (inline, handler attribute or javascript: URL), and no allow-popups,
 * allow-forms or allow-top-navigation. Links carry no href after sanitizing (the target is in
 * data-mailroom-href), so there is nothing to navigate to even by clicking.
 *
 * allow-same-origin is what lets this parent (our own code) attach listeners to the frame's
 * document and read which link was clicked: without it the frame is an opaque origin the parent
 * cannot look into, and a frame without scripts cannot postMessage. It stays safe because the
 * danger of allow-same-origin is a framed script reaching the parent or removing its own sandbox,
 * and the frame can run no script at all; what it can still do (load images, fonts, styles) is
 * limited by its CSP and the app's, and by the sanitizer before that.
 */

export interface FrameLink {
  target: string
  text: string
  /** Where the link really goes, when its text claims another address. */
  deceptive: string | null
}

export interface FrameHandlers {
  onLink: (link: FrameLink) => void
  /** The link under the pointer or focus (null when none): its real target is shown. */
  onHover: (target: string | null) => void
  /** Keys pressed inside the frame, for the reader's shortcuts. */
  onKey: (event: KeyboardEvent) => void
}

function linkOf(target: EventTarget | null): Element | null {
  // Duck-typed: the frame's nodes belong to the frame's window, so `instanceof Element` (this
  // window's Element) would be false for them.
  let node = target as (Node & { closest?: (selector: string) => Element | null }) | null
  if (node?.nodeType === 3) node = node.parentElement
  return typeof node?.closest === 'function' ? node.closest('[data-mailroom-href]') : null
}

function toLink(a: Element): FrameLink | null {
  const target = a.getAttribute('data-mailroom-href')
  if (!target) return null
  return { target, text: (a.textContent ?? '').trim(), deceptive: a.getAttribute('data-mailroom-deceptive') }
}

/** Attaches the parent's handlers to a loaded frame document; returns the detach function. */
export function attachFrameHandlers(doc: Document, handlers: FrameHandlers): () => void {
  const activate = (e: Event) => {
    const a = linkOf(e.target)
    const link = a && toLink(a)
    if (!link) return
    e.preventDefault()
    handlers.onLink(link)
  }
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && linkOf(e.target)) return activate(e)
    handlers.onKey(e)
  }
  const hover = (e: Event) => handlers.onHover(linkOf(e.target)?.getAttribute('data-mailroom-href') ?? null)
  const leave = () => handlers.onHover(null)
  doc.addEventListener('click', activate)
  doc.addEventListener('auxclick', activate)
  doc.addEventListener('keydown', onKeyDown)
  doc.addEventListener('mouseover', hover)
  doc.addEventListener('focusin', hover)
  doc.addEventListener('mouseleave', leave)
  return () => {
    doc.removeEventListener('click', activate)
    doc.removeEventListener('auxclick', activate)
    doc.removeEventListener('keydown', onKeyDown)
    doc.removeEventListener('mouseover', hover)
    doc.removeEventListener('focusin', hover)
    doc.removeEventListener('mouseleave', leave)
  }
}
