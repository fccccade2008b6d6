import { useCallback, useEffect, useState } from 'react'
import type { AppErrorData } from '../../../../shared/errors'
import type { Account } from '../../../../shared/model/account'
import { call, onMailEvent } from '../../lib/ipc'
import { toErrorData } from './errors'

export type AccountsState =
  { state: 'loading' } | { state: 'ready'; accounts: Account[] } | { state: 'failed'; error: AppErrorData }

/** The account list, kept fresh on `accounts:changed`. */
export function useAccounts(): AccountsState & { reload: () => void } {
  const [value, setValue] = useState<AccountsState>({ state: 'loading' })
  const reload = useCallback(() => {
    call('listAccounts').then(
      (accounts) => setValue({ state: 'ready', accounts }),
      (err: unknown) => setValue({ state: 'failed', error: toErrorData(err) }),
    )
  }, [])
  useEffect(() => {
    reload()
    return onMailEvent('accounts:changed', reload)
  }, [reload])
  return { ...value, reload }
}
