import { cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { useUnreadAnnouncement } from './use-unread-announcement'

afterEach(cleanup)

function Probe({ unread }: { unread: number }) {
  return <p role="status">{useUnreadAnnouncement(unread)}</p>
}

describe('the unread announcement', () => {
  it('speaks when new mail raises the count, not when reading lowers it', () => {
    const { rerender } = render(<Probe unread={4} />)
    expect(screen.getByRole('status').textContent).toBe('')
    rerender(<Probe unread={3} />)
    expect(screen.getByRole('status').textContent).toBe('')
    rerender(<Probe unread={5} />)
    expect(screen.getByRole('status').textContent).toBe('5 unread')
    // Reading one: the region keeps its words (no change, nothing spoken).
    rerender(<Probe unread={4} />)
    expect(screen.getByRole('status').textContent).toBe('5 unread')
  })
})
