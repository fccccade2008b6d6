import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { useState } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { MailAddress } from '../../../../shared/model/mail'
import { AddressField } from './AddressField'

function install(suggest: (q: string) => MailAddress[]) {
  const suggestAddresses = vi.fn((q: string) => Promise.resolve({ ok: true, value: suggest(q) }))
  Object.defineProperty(window, 'mail', {
    value: { suggestAddresses, on: () => () => {} },
    configurable: true,
  })
  return suggestAddresses
}
afterEach(() => {
  cleanup()
  Reflect.deleteProperty(window, 'mail')
})

function Field({ initial = '' }: { initial?: string }) {
  const [value, setValue] = useState(initial)
  return <AddressField label="To" name="to" value={value} onChange={setValue} />
}

describe('AddressField', () => {
  it('names the bad entry and accepts quoted names and international addresses', () => {
    install(() => [])
    render(
      <Field initial={'"Doe, J" <j@example.test>, Jörg <jörg@münchen.example>, oops@, ok@example.test'} />,
    )
    expect(screen.getByTestId('composer-to-problem').textContent).toBe('Not a valid address: “oops@”')
    expect(screen.getByRole('combobox').getAttribute('aria-invalid')).toBe('true')
  })

  it('suggests addresses for the entry being typed and completes it', async () => {
    vi.useFakeTimers()
    try {
      const suggest = install((q) =>
        q === 'ann' ? [{ name: 'Ann, Example', address: 'ann@example.test' }] : [],
      )
      render(<Field initial="bob@example.test, " />)
      const input = screen.getByRole('combobox')
      fireEvent.focus(input)
      fireEvent.change(input, { target: { value: 'bob@example.test, ann' } })
      // The entry being typed is not flagged while it is being typed.
      expect(screen.queryByTestId('composer-to-problem')).toBeNull()
      await act(async () => {
        await vi.advanceTimersByTimeAsync(200)
      })
      expect(suggest).toHaveBeenCalledWith('ann', 6)
      const option = screen.getByRole('option')
      expect(option.textContent).toBe('"Ann, Example" <ann@example.test>')
      fireEvent.mouseDown(option)
      expect((input as HTMLInputElement).value).toBe('bob@example.test, "Ann, Example" <ann@example.test>, ')
    } finally {
      vi.useRealTimers()
    }
  })

  it('lets the arrow keys browse the suggestions (aria-activedescendant) and Enter take one', async () => {
    vi.useFakeTimers()
    try {
      install(() => [
        { name: 'Ann', address: 'ann@example.test' },
        { name: 'Anna', address: 'anna@example.test' },
      ])
      render(<Field />)
      const input = screen.getByRole('combobox')
      fireEvent.focus(input)
      fireEvent.change(input, { target: { value: 'an' } })
      await act(async () => {
        await vi.advanceTimersByTimeAsync(200)
      })
      const options = screen.getAllByRole('option')
      expect(input.getAttribute('aria-activedescendant')).toBeNull()
      fireEvent.keyDown(input, { key: 'ArrowDown' })
      expect(input.getAttribute('aria-activedescendant')).toBe(options[0]!.id)
      fireEvent.keyDown(input, { key: 'ArrowDown' })
      expect(input.getAttribute('aria-activedescendant')).toBe(options[1]!.id)
      expect(options[1]!.getAttribute('aria-selected')).toBe('true')
      fireEvent.keyDown(input, { key: 'ArrowDown' })
      expect(input.getAttribute('aria-activedescendant')).toBe(options[0]!.id)
      fireEvent.keyDown(input, { key: 'ArrowUp' })
      expect(input.getAttribute('aria-activedescendant')).toBe(options[1]!.id)
      fireEvent.keyDown(input, { key: 'Enter' })
      expect((input as HTMLInputElement).value).toBe('Anna <anna@example.test>, ')
    } finally {
      vi.useRealTimers()
    }
  })
})
