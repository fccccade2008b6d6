import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { SenderAuth, SenderCheck } from '../../../../shared/model/sender-auth'
import { installFakeMail, removeFakeMail } from '../../test-support/fake-mail'
import { SenderAuthBadge, SpoofBanner } from './SenderTrust'

const failed: SenderAuth = {
  source: 'local',
  authservId: null,
  verdict: 'fail',
  alignedDomain: null,
  fromDomain: 'example.com',
  methods: [
    {
      method: 'dmarc',
      result: 'fail',
      verdict: 'fail',
      domain: 'example.com',
      reason: 'not-aligned',
      detail: null,
    },
    {
      method: 'dkim',
      result: 'neutral',
      verdict: 'fail',
      domain: 'example.com',
      reason: 'body-changed',
      detail: null,
    },
  ],
  uncheckedWhy: null,
}

const inList = (node: React.ReactNode) => render(<dl>{node}</dl>)

describe('SenderAuthBadge', () => {
  afterEach(cleanup)

  it('shows a pass with the aligned domain', () => {
    inList(
      <SenderAuthBadge auth={{ ...failed, verdict: 'pass', alignedDomain: 'example.com', methods: [] }} />,
    )
    expect(screen.getByTestId('sender-auth').textContent).toBe('✓ Verified: example.com')
  })

  it('explains a failure in words when asked', () => {
    inList(<SenderAuthBadge auth={failed} />)
    const badge = screen.getByRole('button', { name: /Failed sender check/ })
    expect(badge.getAttribute('aria-expanded')).toBe('false')
    fireEvent.click(badge)
    const lines = [...screen.getByTestId('sender-auth-details').querySelectorAll('li')].map(
      (li) => li.textContent,
    )
    expect(lines).toEqual([
      'Checked by Mailroom.',
      'Nothing shows that the message comes from example.com: neither a valid signature nor a permitted server of that domain (DMARC).',
      'The message was changed after example.com signed it: its text no longer matches the signature (DKIM).',
    ])
  })

  it('shows nothing for a message that was not checked (our own)', () => {
    const { container } = inList(
      <SenderAuthBadge
        auth={{ ...failed, source: 'unchecked', verdict: 'none', methods: [], uncheckedWhy: 'x' }}
      />,
    )
    expect(container.querySelector('dd')).toBeNull()
  })
})

describe('SpoofBanner', () => {
  afterEach(() => {
    cleanup()
    removeFakeMail()
  })

  it('is a calm note listing each warning, and nothing without warnings', () => {
    installFakeMail()
    const check: SenderCheck = {
      auth: failed,
      warnings: [
        { kind: 'display-name-address', shownAddress: 'ceo@mailroom.test', realAddress: 'x@evil.test' },
        { kind: 'reply-to-elsewhere', fromDomain: 'example.com', replyToDomain: 'evil.test' },
      ],
    }
    const { rerender } = render(<SpoofBanner check={check} />)
    const note = screen.getByRole('note', { name: 'Be careful with this message' })
    expect([...note.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'The name shows the address ceo@mailroom.test, but the message comes from x@evil.test.',
      'Replies go to evil.test, not to example.com where the message comes from.',
    ])
    rerender(<SpoofBanner check={{ ...check, warnings: [] }} />)
    expect(screen.queryByRole('note')).toBeNull()
  })
})
