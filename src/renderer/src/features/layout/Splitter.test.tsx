import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { resetPaneSizes, usePaneSizes } from './pane-sizes'
import { Splitter } from './Splitter'

function Panes() {
  const sizes = usePaneSizes()
  return (
    <div>
      <p data-testid="sizes">{`${sizes.folders} ${sizes.list}`}</p>
      <Splitter pane="folders" />
      <Splitter pane="list" />
    </div>
  )
}

// jsdom has no PointerEvent: a MouseEvent with a pointerId carries the coordinates as browsers do.
if (typeof window.PointerEvent === 'undefined') {
  class PointerEventPolyfill extends MouseEvent {
    readonly pointerId: number
    constructor(type: string, init: PointerEventInit = {}) {
      super(type, init)
      this.pointerId = init.pointerId ?? 0
    }
  }
  window.PointerEvent = PointerEventPolyfill as unknown as typeof PointerEvent
}

beforeEach(() => {
  localStorage.clear()
  resetPaneSizes()
})
afterEach(cleanup)

describe('the pane splitters', () => {
  it('are focusable separators with their value, resized by the arrow keys, Home and End', () => {
    render(<Panes />)
    const folders = screen.getByRole('separator', { name: 'Resize the folder pane' })
    expect(folders.getAttribute('aria-valuenow')).toBe('220')
    expect(folders.getAttribute('aria-orientation')).toBe('vertical')
    expect(folders.tabIndex).toBe(0)
    fireEvent.keyDown(folders, { key: 'ArrowRight' })
    expect(folders.getAttribute('aria-valuenow')).toBe('236')
    fireEvent.keyDown(folders, { key: 'ArrowLeft', shiftKey: true })
    expect(folders.getAttribute('aria-valuenow')).toBe('172')
    fireEvent.keyDown(folders, { key: 'Home' })
    expect(folders.getAttribute('aria-valuenow')).toBe(folders.getAttribute('aria-valuemin'))
    fireEvent.keyDown(folders, { key: 'End' })
    expect(folders.getAttribute('aria-valuenow')).toBe(folders.getAttribute('aria-valuemax'))
    // The other pane is its own.
    expect(
      screen.getByRole('separator', { name: 'Resize the message list' }).getAttribute('aria-valuenow'),
    ).toBe('380')
  })

  it('follow the pointer, within the limits, and are remembered for the next start', () => {
    const { unmount } = render(<Panes />)
    const list = screen.getByRole('separator', { name: 'Resize the message list' })
    fireEvent.pointerDown(list, { button: 0, clientX: 600, pointerId: 1 })
    fireEvent.pointerMove(list, { clientX: 650, pointerId: 1 })
    fireEvent.pointerUp(list, { clientX: 650, pointerId: 1 })
    expect(screen.getByTestId('sizes').textContent).toBe('220 430')
    fireEvent.pointerDown(list, { button: 0, clientX: 600, pointerId: 1 })
    fireEvent.pointerMove(list, { clientX: -5000, pointerId: 1 })
    expect(list.getAttribute('aria-valuenow')).toBe('240')
    fireEvent.pointerUp(list, { pointerId: 1 })
    // Moving without a press does nothing.
    fireEvent.pointerMove(list, { clientX: 900, pointerId: 1 })
    expect(list.getAttribute('aria-valuenow')).toBe('240')
    unmount()
    resetPaneSizes()
    render(<Panes />)
    expect(screen.getByTestId('sizes').textContent).toBe('220 240')
  })

  it('ignore a stored size that is not a number', () => {
    localStorage.setItem('mailroom.paneSizes', '{"folders":"wide","list":99999}')
    render(<Panes />)
    expect(screen.getByTestId('sizes').textContent).toBe('220 760')
  })
})
