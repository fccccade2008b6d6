import { describe, expect, it } from 'vitest'
import { describeServerAnswer, enhancedStatusOf, statusWords } from './enhanced-status'

describe('RFC 3463 enhanced status codes in words', () => {
  it('names the codes the issue lists and falls back to the subject, then the class', () => {
    expect(statusWords('5.1.1')).toBe('no such user')
    expect(statusWords('4.2.2')).toBe('mailbox full')
    expect(statusWords('5.7.1')).toBe('refused by policy')
    // Not listed: the subject's general words, then the class's.
    expect(statusWords('5.1.99')).toBe('address problem')
    expect(statusWords('4.9.9')).toBe('temporary failure')
  })

  it('finds the code in a server answer and not in addresses, versions or dates', () => {
    expect(enhancedStatusOf('550 5.1.1 <x@example.test>: Recipient address rejected')).toBe('5.1.1')
    expect(enhancedStatusOf('452-4.2.2 The email account that you tried to reach is over quota')).toBe(
      '4.2.2',
    )
    expect(enhancedStatusOf('Status: 5.01.001')).toBe('5.1.1')
    expect(enhancedStatusOf('250 ok from 10.5.1.1')).toBeNull()
    expect(enhancedStatusOf('Postfix 3.7.10 ready')).toBeNull()
    expect(enhancedStatusOf('554 refused')).toBeNull()
  })

  it('describes an answer as words with the code, or null without one', () => {
    expect(describeServerAnswer('550 5.7.1 Service unavailable; client blocked')).toBe(
      'refused by policy (5.7.1)',
    )
    expect(describeServerAnswer('550 Mailbox unavailable')).toBeNull()
  })
})
