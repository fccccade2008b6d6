import { act, cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { installFakeMail, removeFakeMail } from '../../test-support/fake-mail'
import { SentStatusBadge } from './SentStatusBadge'

const failed = {
  recipient: 'x@example.test',
  action: 'failed' as const,
  status: '5.1.1',
  diagnostic: null,
  at: 0,
}
const delivered = { ...failed, action: 'delivered' as const, status: '2.0.0' }
const delayed = { ...failed, action: 'delayed' as const, status: '4.4.1' }

describe('SentStatusBadge', () => {
  afterEach(() => {
    cleanup()
    removeFakeMail()
  })

  it('asks once for all rows, and shows Delivered / Not delivered / Delayed; nothing without reports', async () => {
    const fake = installFakeMail((f) => {
      f.delivery.set('<a@x>', [delivered])
      f.delivery.set('<b@x>', [delivered, failed])
      f.delivery.set('<c@x>', [delayed, delivered])
    })
    render(
      <ul>
        {['<a@x>', '<b@x>', '<c@x>', '<none@x>'].map((id) => (
          <li key={id} data-id={id}>
            <SentStatusBadge headerMessageId={id} />
          </li>
        ))}
      </ul>,
    )
    await screen.findAllByTestId('sent-state')
    const shown = screen.getAllByTestId('sent-state').map((b) => [b.closest('li')!.dataset.id, b.textContent])
    expect(shown).toEqual([
      ['<a@x>', 'Delivered'],
      ['<b@x>', 'Not delivered'],
      ['<c@x>', 'Delayed'],
    ])
    expect(fake.calls.filter((c) => c.method === 'getSentStates')).toHaveLength(1)
  })

  it('changes while shown when a report arrives (delivery:changed)', async () => {
    const fake = installFakeMail((f) => f.delivery.set('<a@x>', [delayed]))
    render(<SentStatusBadge headerMessageId="<a@x>" />)
    expect((await screen.findByTestId('sent-state')).textContent).toBe('Delayed')
    fake.delivery.set('<a@x>', [failed])
    act(() => fake.emit('delivery:changed', { accountId: 'a1', messageIds: ['<a@x>'] }))
    await screen.findByText('Not delivered')
  })
})
