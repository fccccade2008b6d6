import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { DeliveryToggle } from './DeliveryToggle'

describe('DeliveryToggle', () => {
  afterEach(cleanup)

  it('asks for every report when checked and for failures only when cleared', () => {
    const onChange = vi.fn()
    const { rerender } = render(<DeliveryToggle value={undefined} offered={true} onChange={onChange} />)
    const box = screen.getByTestId<HTMLInputElement>('composer-delivery-report')
    expect(box.checked).toBe(false)
    fireEvent.click(box)
    expect(onChange).toHaveBeenLastCalledWith('all')
    rerender(<DeliveryToggle value="all" offered={true} onChange={onChange} />)
    fireEvent.click(box)
    expect(onChange).toHaveBeenLastCalledWith('failure')
  })

  it('says so when the sending server offers no delivery reports', () => {
    render(<DeliveryToggle value={undefined} offered={false} onChange={() => undefined} />)
    expect(screen.getByTestId<HTMLInputElement>('composer-delivery-report').disabled).toBe(true)
    expect(screen.getByText(/not offered by the sending server/)).toBeTruthy()
  })
})
