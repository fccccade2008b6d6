import { afterEach, describe, expect, it } from 'vitest'
import { shortcutFor } from './use-reader-shortcuts'

const press = (key: string, target: EventTarget = document.body) => {
  const e = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true })
  Object.defineProperty(e, 'target', { value: target })
  return shortcutFor(e)
}

describe('reader shortcuts', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('answer single keys outside text fields', () => {
    expect(press('s')).toBe('toggleFlag')
    expect(press('a')).toBe('replyAll')
  })

  it('never fire while a modal dialog (the composer) is open, wherever focus is', () => {
    const composer = document.createElement('section')
    composer.setAttribute('role', 'dialog')
    composer.setAttribute('aria-modal', 'true')
    document.body.append(composer)
    // Focus left on the button that opened it, outside the dialog: "sara" must not flag or reply.
    for (const key of ['s', 'a', 'r', 'Delete']) expect(press(key)).toBeNull()
    composer.remove()
    expect(press('s')).toBe('toggleFlag')
  })

  it('never fire while typing into a field', () => {
    const input = document.createElement('input')
    document.body.append(input)
    expect(press('s', input)).toBeNull()
  })
})
