import { useCallback, useEffect, useRef, useState } from 'react'
import type { AppErrorData } from '../../../../shared/errors'
import type { Account } from '../../../../shared/model/account'
import type { Mailbox } from '../../../../shared/model/mail'
import { errorData } from '../../lib/error-data'
import { call, onMailEvent } from '../../lib/ipc'

export interface AccountMailboxes {
  account: Account
  mailboxes: Mailbox[]
  error: AppErrorData | null
}

export type MailboxesState =
  | { state: 'loading' }
  | { state: 'failed'; error: AppErrorData }
  | { state: 'ready'; accounts: AccountMailboxes[] }

/** Sync reports changes in bursts; one re-read per account per quarter second is plenty. */
const COALESCE_MS = 250

async function loadAccount(account: Account): Promise<AccountMailboxes> {
  try {
    return { account, mailboxes: await call('listMailboxes', account.id), error: null }
  } catch (err) {
    return { account, mailboxes: [], error: errorData(err) }
  }
}

/** Every account with its mailboxes (and unread counts), kept current from push events. */
export function useMailboxes(): MailboxesState {
  const [state, setState] = useState<MailboxesState>({ state: 'loading' })
  const live = useRef(true)
  const accountsRef = useRef<Account[]>([])

  const loadAll = useCallback(
    () =>
      call('listAccounts')
        .then((accounts) => {
          accountsRef.current = accounts
          return Promise.all(accounts.map(loadAccount))
        })
        .then(
          (loaded) => live.current && setState({ state: 'ready', accounts: loaded }),
          (err: unknown) => live.current && setState({ state: 'failed', error: errorData(err) }),
        ),
    [],
  )

  const reloadAccount = useCallback(async (accountId: string) => {
    const account = accountsRef.current.find((a) => a.id === accountId)
    if (!account) return
    const fresh = await loadAccount(account)
    if (!live.current) return
    setState((s) =>
      s.state === 'ready'
        ? { ...s, accounts: s.accounts.map((a) => (a.account.id === accountId ? fresh : a)) }
        : s,
    )
  }, [])

  useEffect(() => {
    live.current = true
    void loadAll()
    const timers = new Map<string, ReturnType<typeof setTimeout>>()
    const schedule = (accountId: string) => {
      if (timers.has(accountId)) return
      timers.set(
        accountId,
        setTimeout(() => {
          timers.delete(accountId)
          void reloadAccount(accountId)
        }, COALESCE_MS),
      )
    }
    const offs = [
      onMailEvent('accounts:changed', () => void loadAll()),
      onMailEvent('mailbox:changed', (e) => schedule(e.accountId)),
      onMailEvent('mail:new', (e) => schedule(e.accountId)),
    ]
    return () => {
      live.current = false
      offs.forEach((off) => off())
      timers.forEach(clearTimeout)
    }
  }, [loadAll, reloadAccount])

  return state
}
