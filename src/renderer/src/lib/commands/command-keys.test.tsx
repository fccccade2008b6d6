import { afterEach, describe, expect, it } from 'vitest'
import type { PresetId } from '../../../../shared/commands/command-table'
import { commandForEvent } from './command-keys'

const press = (key: string, target: EventTarget = document.body, preset: PresetId = 'default') => {
  const e = new KeyboardEvent('keydown', {
    key,
    bubbles: true,
    cancelable: true,
    shiftKey: key === '?' || key === '#' || key === '!' || /^[A-Z]$/.test(key),
  })
  Object.defineProperty(e, 'target', { value: target })
  return commandForEvent(e, preset)
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

  it('answer each preset’s keys: the default set and Gmail’s', () => {
    expect(press('F')).toBe('forwardAsAttachment')
    expect(press('?')).toBe('showShortcuts')
    expect(press('u')).toBe('toggleRead')
    expect(press('#')).toBeNull()
    expect(press('#', document.body, 'gmail')).toBe('delete')
    expect(press('e', document.body, 'gmail')).toBe('archive')
    expect(press('!', document.body, 'gmail')).toBe('junk')
    expect(press('U', document.body, 'gmail')).toBe('markUnread')
    expect(press('I', document.body, 'gmail')).toBe('markRead')
    expect(press('u', document.body, 'gmail')).toBeNull()
    expect(press('c', document.body, 'gmail')).toBe('newMessage')
  })

  it('never fire inside an open menu', () => {
    const menu = document.createElement('ul')
    menu.setAttribute('role', 'menu')
    const item = document.createElement('li')
    menu.append(item)
    document.body.append(menu)
    expect(press('s', item)).toBeNull()
  })
})
