import { useCallback, useEffect, useRef, useState } from 'react'
import type { AppErrorData } from '../../../../shared/errors'
import type { Account } from '../../../../shared/model/account'
import type { Mailbox } from '../../../../shared/model/mail'
import { errorData } from '../../lib/error-data'
import { call, onMailEvent } from '../../lib/ipc'
import { useAccounts } from '../../lib/use-accounts'

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
  const accounts = useAccounts()
  const list = accounts.state === 'ready' ? accounts.accounts : null
  const [loaded, setLoaded] = useState<AccountMailboxes[] | null>(null)
  const live = useRef(true)
  const latest = useRef(0)
  const accountsRef = useRef<Account[]>([])

  // The account list changed (or arrived): every account's folders are read again; the last
  // folders stay on screen until then, and an answer older than the newest request is dropped.
  useEffect(() => {
    if (!list) return
    accountsRef.current = list
    const request = ++latest.current
    void Promise.all(list.map(loadAccount)).then((fresh) => {
      if (live.current && request === latest.current) setLoaded(fresh)
    })
  }, [list])

  const reloadAccount = useCallback(async (accountId: string) => {
    const account = accountsRef.current.find((a) => a.id === accountId)
    if (!account) return
    const fresh = await loadAccount(account)
    if (!live.current) return
    setLoaded((all) => all && all.map((a) => (a.account.id === accountId ? fresh : a)))
  }, [])

  useEffect(() => {
    live.current = true
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
      onMailEvent('mailbox:changed', (e) => schedule(e.accountId)),
      onMailEvent('mail:new', (e) => schedule(e.accountId)),
    ]
    return () => {
      live.current = false
      offs.forEach((off) => off())
      timers.forEach(clearTimeout)
    }
  }, [reloadAccount])

  if (accounts.state === 'failed') return { state: 'failed', error: accounts.error }
  if (accounts.state === 'loading' || loaded === null) return { state: 'loading' }
  return { state: 'ready', accounts: loaded }
}
