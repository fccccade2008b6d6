import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { Account } from '../../../../shared/model/account'
import { FromPicker } from './FromPicker'

afterEach(cleanup)

function sampleAccount(id: string, address: string): Account {
  const server = { host: 'mail.example.test', username: address, authMethod: 'auto' as const }
  return {
    id,
    displayName: id,
    address,
    incoming: { ...server, protocol: 'imap', port: 993, security: 'tls' },
    outgoing: { ...server, port: 465, security: 'tls' },
    identities: [{ id: `${id}-main`, name: `User ${id}`, address }],
    pins: [],
    createdAt: 1,
  }
}

function accounts(): Account[] {
  const work = sampleAccount('work', 'jo@work.test')
  work.displayName = 'Work'
  work.identities.push({ id: 'work-alias', name: '', address: 'sales@work.test' })
  const home = sampleAccount('home', 'jo@home.test')
  home.displayName = 'Home'
  home.identities.push({ id: 'home-2', name: 'Jo at work', address: 'jo@work.test' })
  return [work, home]
}

describe('FromPicker', () => {
  it('offers every identity of every account, grouped by account', () => {
    const picked: string[] = []
    render(
      <FromPicker
        accounts={accounts()}
        accountId="work"
        identityId="work-main"
        onChange={(k) => picked.push(k)}
      />,
    )
    const select = screen.getByTestId<HTMLSelectElement>('composer-from')
    const groups = [...select.querySelectorAll('optgroup')].map((g) => [
      g.label,
      [...g.querySelectorAll('option')].map((o) => `${o.value}=${o.textContent}`),
    ])
    expect(groups).toEqual([
      ['Work', ['work/work-main=User work <jo@work.test>', 'work/work-alias=sales@work.test']],
      ['Home', ['home/home-main=User home <jo@home.test>', 'home/home-2=Jo at work <jo@work.test>']],
    ])
    expect(select.value).toBe('work/work-main')
    expect(select.getAttribute('aria-invalid')).toBe('false')
    fireEvent.change(select, { target: { value: 'home/home-2' } })
    expect(picked).toEqual(['home/home-2'])
  })

  it('says so when the draft’s identity was removed, instead of showing another', () => {
    render(<FromPicker accounts={accounts()} accountId="work" identityId="gone" onChange={() => undefined} />)
    const select = screen.getByTestId<HTMLSelectElement>('composer-from')
    expect(select.value).toBe('work/gone')
    expect(select.selectedOptions[0]?.textContent).toMatch(/identity was removed/)
    expect(select.getAttribute('aria-invalid')).toBe('true')
  })
})
