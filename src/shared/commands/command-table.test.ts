import { describe, expect, it } from 'vitest'
import {
  COMMAND_IDS,
  COMMANDS,
  commandForKey,
  conflicts,
  isCommandId,
  keyLabel,
  PRESETS,
  toAccelerator,
} from './command-table'

describe('the command table', () => {
  it('lists every command once, with a label', () => {
    expect(COMMANDS.map((c) => c.id)).toEqual([...COMMAND_IDS])
    for (const c of COMMANDS) expect(c.label).not.toBe('')
  })

  it('binds no key twice in a preset', () => {
    for (const p of PRESETS) expect(conflicts(p)).toEqual([])
  })

  it('keeps the default keys the reader always had', () => {
    const keys = { j: 'next', k: 'previous', u: 'toggleRead', s: 'toggleFlag', r: 'reply', a: 'replyAll' }
    for (const [key, id] of Object.entries(keys)) expect(commandForKey(key, false, 'default')).toBe(id)
    expect(commandForKey('F', true, 'default')).toBe('forwardAsAttachment')
    expect(commandForKey('Delete', false, 'default')).toBe('delete')
    expect(commandForKey('v', false, 'default')).toBe('moveTo')
    // A capital is its own key: Shift+U is not u.
    expect(commandForKey('U', true, 'default')).toBeUndefined()
  })

  it('has Gmail’s keys in the Gmail preset', () => {
    expect(commandForKey('#', true, 'gmail')).toBe('delete')
    expect(commandForKey('e', false, 'gmail')).toBe('archive')
    expect(commandForKey('!', true, 'gmail')).toBe('junk')
    expect(commandForKey('I', true, 'gmail')).toBe('markRead')
    expect(commandForKey('U', true, 'gmail')).toBe('markUnread')
    expect(commandForKey('c', false, 'gmail')).toBe('newMessage')
    expect(commandForKey('e', false, 'default')).toBeUndefined()
  })

  it('shows keys and writes Electron accelerators', () => {
    expect(keyLabel('r')).toBe('R')
    expect(keyLabel('Shift+F')).toBe('Shift+F')
    expect(toAccelerator('j')).toBe('J')
    expect(toAccelerator('Delete')).toBe('Delete')
    expect(toAccelerator('#')).toBe('#')
    expect(isCommandId('reply')).toBe(true)
    expect(isCommandId('constructor')).toBe(false)
  })
})
