/**
 * jsdom does no layout: every element measures 0×0, so a virtualized list would show no rows.
 * This gives scroll containers (the message list) a fixed viewport, as a window would.
 */
export function stubListViewport(height = 580, width = 400): () => void {
  const proto = HTMLElement.prototype
  const original = {
    h: Object.getOwnPropertyDescriptor(proto, 'clientHeight'),
    w: Object.getOwnPropertyDescriptor(proto, 'clientWidth'),
  }
  const sized = (el: HTMLElement) => el.getAttribute('role') === 'listbox'
  Object.defineProperty(proto, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return sized(this) ? height : 0
    },
  })
  Object.defineProperty(proto, 'clientWidth', {
    configurable: true,
    get(this: HTMLElement) {
      return sized(this) ? width : 0
    },
  })
  return () => {
    if (original.h) Object.defineProperty(proto, 'clientHeight', original.h)
    if (original.w) Object.defineProperty(proto, 'clientWidth', original.w)
  }
}
