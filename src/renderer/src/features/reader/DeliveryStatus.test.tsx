import { act, cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { installFakeMail, removeFakeMail } from '../../test-support/fake-mail'
import { DeliveryStatus } from './DeliveryStatus'

describe('DeliveryStatus', () => {
  afterEach(() => {
    cleanup()
    removeFakeMail()
  })

  it('shows each recipient’s outcome in words with the status code', async () => {
    installFakeMail((fake) => {
      fake.delivery.set('<m@x>', [
        { recipient: 'bob@example.test', action: 'delivered', status: '2.0.0', diagnostic: null, at: 0 },
        { recipient: 'nobody@example.test', action: 'failed', status: '5.1.1', diagnostic: '550 …', at: 0 },
        { recipient: 'slow@example.test', action: 'delayed', status: '4.2.2', diagnostic: null, at: 0 },
      ])
    })
    render(<DeliveryStatus headerMessageId="<m@x>" />)
    const list = await screen.findByTestId('delivery-status')
    const lines = [...list.querySelectorAll('li')].map((li) => li.textContent)
    expect(lines[0]).toMatch(/^Delivered to bob@example\.test at /)
    expect(lines.slice(1)).toEqual([
      'Not delivered to nobody@example.test: no such user (5.1.1)',
      'Delayed for slow@example.test: mailbox full (4.2.2)',
    ])
  })

  it('shows nothing for a message without reports', async () => {
    const fake = installFakeMail()
    render(<DeliveryStatus headerMessageId="<none@x>" />)
    await new Promise((r) => setTimeout(r, 20))
    expect(fake.calls.some((c) => c.method === 'getDeliveryStatus')).toBe(true)
    expect(screen.queryByTestId('delivery-status')).toBeNull()
  })

  it('reads again when a report for this message arrives while it is open', async () => {
    const fake = installFakeMail()
    render(<DeliveryStatus headerMessageId="<late@x>" />)
    await new Promise((r) => setTimeout(r, 20))
    expect(screen.queryByTestId('delivery-status')).toBeNull()
    fake.delivery.set('<late@x>', [
      { recipient: 'nobody@example.test', action: 'failed', status: '5.1.1', diagnostic: null, at: 0 },
    ])
    act(() => fake.emit('delivery:changed', { accountId: 'a1', messageIds: ['<other@x>'] }))
    await new Promise((r) => setTimeout(r, 20))
    expect(screen.queryByTestId('delivery-status')).toBeNull()
    act(() => fake.emit('delivery:changed', { accountId: 'a1', messageIds: ['<late@x>'] }))
    expect((await screen.findByTestId('delivery-status')).textContent).toBe(
      'Not delivered to nobody@example.test: no such user (5.1.1)',
    )
  })
})
