import { describe, expect, it } from 'vitest'
import { electronStartupDialogs } from './startup-dialogs'

const question = {
  title: 'Damaged',
  message: 'The store is damaged',
  detail: 'details',
  choices: [
    { choice: 'restore' as const, label: 'Restore' },
    { choice: 'start-over' as const, label: 'Start over' },
    { choice: 'quit' as const, label: 'Quit' },
  ],
}

describe('electronStartupDialogs', () => {
  it('asks with one button per choice, Quit on Escape, and returns the chosen one', async () => {
    const shown: unknown[] = []
    const dialogs = electronStartupDialogs({
      showMessageBox: (options: unknown) => {
        shown.push(options)
        return Promise.resolve({ response: 1, checkboxChecked: false })
      },
      showErrorBox: () => undefined,
    })
    expect(await dialogs.askRecovery(question)).toBe('start-over')
    expect(shown).toEqual([
      expect.objectContaining({
        message: 'The store is damaged',
        buttons: ['Restore', 'Start over', 'Quit'],
        defaultId: 0,
        cancelId: 2,
      }),
    ])
  })

  it('shows a start failure as an error box', async () => {
    const boxes: unknown[] = []
    const dialogs = electronStartupDialogs({
      showMessageBox: () => Promise.resolve({ response: 0, checkboxChecked: false }),
      showErrorBox: (...args: unknown[]) => void boxes.push(args),
    })
    await dialogs.showStartError('Mailroom cannot start', 'The disk is full')
    expect(boxes).toEqual([['Mailroom cannot start', 'The disk is full']])
  })
})
