import { useEffect, useState } from 'react'
import type { Account } from '../../../../shared/model/account'
import { call, onMailEvent } from '../../lib/ipc'

/** The accounts (for the From menu), re-read when one changes. */
export function useAccounts(): Account[] | null {
  const [accounts, setAccounts] = useState<Account[] | null>(null)
  useEffect(() => {
    let live = true
    const load = () =>
      void call('listAccounts').then(
        (list) => live && setAccounts(list),
        () => live && setAccounts([]),
      )
    load()
    const off = onMailEvent('accounts:changed', load)
    return () => {
      live = false
      off()
    }
  }, [])
  return accounts
}
