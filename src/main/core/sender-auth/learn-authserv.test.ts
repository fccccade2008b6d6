import { describe, expect, it } from 'vitest'
import { learnAuthservId } from './learn-authserv'

const s = (topId: string | null, fromAddress: string) => ({ topId, fromAddress })

describe('learning the receiving server’s authserv-id from the Inbox', () => {
  it('the id on top of mail from several senders is learned', () => {
    expect(
      learnAuthservId([
        s('mx.mailroom.test', 'a@one.test'),
        s('mx.mailroom.test', 'b@two.test'),
        s('mx.mailroom.test', 'c@three.test'),
        s('mx.mailroom.test', 'd@two.test'),
      ]),
    ).toBe('mx.mailroom.test')
  })

  it('one sender cannot teach an id, nor can a minority of messages', () => {
    const oneSender = [1, 2, 3, 4].map(() => s('mx.google.com', 'x@evil.test'))
    expect(learnAuthservId([...oneSender, s(null, 'a@one.test')])).toBeNull()
    expect(
      learnAuthservId([
        s('mx.google.com', 'a@one.test'),
        s('mx.google.com', 'b@two.test'),
        s('mx.google.com', 'c@three.test'),
        s(null, 'd@four.test'),
        s(null, 'e@five.test'),
        s('other.test', 'f@six.test'),
      ]),
    ).toBeNull()
    expect(learnAuthservId([s('mx.a.test', 'a@one.test'), s('mx.a.test', 'b@two.test')])).toBeNull()
  })
})
