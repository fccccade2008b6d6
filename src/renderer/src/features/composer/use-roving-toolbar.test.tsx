import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { useRovingToolbar } from './use-roving-toolbar'

afterEach(cleanup)

function Toolbar() {
  const { ref: toolbarRef, onKeyDown: onToolbarKey } = useRovingToolbar<HTMLDivElement>()
  return (
    <div role="toolbar" aria-label="Formatting" ref={toolbarRef} onKeyDown={onToolbarKey}>
      <button type="button">Bold</button>
      <button type="button">Italic</button>
      <button type="button">Quote</button>
    </div>
  )
}

describe('a roving-tabindex toolbar', () => {
  it('is one Tab stop; arrows, Home and End move between its buttons', () => {
    render(<Toolbar />)
    const [bold, italic, quote] = screen.getAllByRole('button') as [HTMLElement, HTMLElement, HTMLElement]
    expect([bold.tabIndex, italic.tabIndex, quote.tabIndex]).toEqual([0, -1, -1])
    bold.focus()
    fireEvent.keyDown(bold, { key: 'ArrowRight' })
    expect(document.activeElement).toBe(italic)
    expect([bold.tabIndex, italic.tabIndex, quote.tabIndex]).toEqual([-1, 0, -1])
    fireEvent.keyDown(italic, { key: 'End' })
    expect(document.activeElement).toBe(quote)
    fireEvent.keyDown(quote, { key: 'ArrowRight' })
    expect(document.activeElement).toBe(bold)
    fireEvent.keyDown(bold, { key: 'ArrowLeft' })
    expect(document.activeElement).toBe(quote)
    fireEvent.keyDown(quote, { key: 'Home' })
    expect(document.activeElement).toBe(bold)
  })
})
