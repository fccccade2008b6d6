import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { UndoOutcome } from '../../../../shared/model/organize'
import { installFakeMail, removeFakeMail, type FakeMail } from '../../test-support/fake-mail'
import { UndoToast } from './UndoToast'
import { TOAST_MS } from './use-undo'

afterEach(() => {
  cleanup()
  removeFakeMail()
  vi.useRealTimers()
})

function withUndo(outcome: UndoOutcome | null): FakeMail {
  const fake = installFakeMail()
  const bridge = fake.bridge as unknown as Record<string, unknown>
  bridge['undoLast'] = () => {
    fake.calls.push({ method: 'undoLast', args: [] })
    return Promise.resolve({ ok: true, value: outcome })
  }
  return fake
}

const undoCalls = (fake: FakeMail) => fake.calls.filter((c) => c.method === 'undoLast').length

describe('UndoToast', () => {
  it('announces an action, undoes it from the button, and says so', async () => {
    const fake = withUndo({ action: 'move', restored: 3, missing: 0 })
    render(<UndoToast />)
    expect(screen.queryByTestId('undo-toast')).toBeNull()
    act(() => fake.emit('mail:undoable', { action: 'move', count: 3, target: 'Archive' }))
    expect(screen.getByTestId('undo-toast').textContent).toContain('Moved 3 messages to Archive')
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }))
    expect(await screen.findByText('Undone: 3 messages back where they were')).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull()
    expect(undoCalls(fake)).toBe(1)
  })

  it('undoes with Ctrl+Z and Cmd+Z, but not while typing in a field', async () => {
    const fake = withUndo({ action: 'read', restored: 1, missing: 0 })
    render(
      <>
        <UndoToast />
        <input aria-label="field" />
      </>,
    )
    fireEvent.keyDown(screen.getByLabelText('field'), { key: 'z', ctrlKey: true })
    expect(undoCalls(fake)).toBe(0)
    fireEvent.keyDown(document.body, { key: 'z', ctrlKey: true })
    fireEvent.keyDown(document.body, { key: 'Z', metaKey: true })
    fireEvent.keyDown(document.body, { key: 'z', ctrlKey: true, shiftKey: true }) // redo, not undo
    expect(undoCalls(fake)).toBe(2)
    expect(await screen.findByText('Undone: 1 message as before')).toBeTruthy()
  })

  it('goes away after a few seconds and shows a failed undo as an error', async () => {
    vi.useFakeTimers()
    const fake = installFakeMail()
    fake.failWith('undoLast', {
      code: 'MAILBOX_NOT_FOUND',
      message: 'The folder the messages came from no longer exists',
      retryable: false,
    })
    render(<UndoToast />)
    act(() => fake.emit('mail:undoable', { action: 'delete', count: 1 }))
    expect(screen.getByTestId('undo-toast').textContent).toContain('Moved 1 message to Trash')
    act(() => {
      vi.advanceTimersByTime(TOAST_MS + 10)
    })
    expect(screen.queryByTestId('undo-toast')).toBeNull()
    act(() => fake.emit('mail:undoable', { action: 'junk', count: 2 }))
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }))
    await act(async () => {
      await Promise.resolve()
      await Promise.resolve()
    })
    expect(screen.getByRole('alert').getAttribute('data-error-code')).toBe('MAILBOX_NOT_FOUND')
    // An error stays until dismissed.
    act(() => {
      vi.advanceTimersByTime(TOAST_MS * 2)
    })
    expect(screen.getByRole('alert')).toBeTruthy()
  })
})
