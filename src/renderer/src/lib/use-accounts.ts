import { useCallback, useEffect, useRef, useState } from 'react'
import type { AppErrorData } from '../../../shared/errors'
import type { Account } from '../../../shared/model/account'
import { errorData } from './error-data'
import { call, onMailEvent } from './ipc'

export type AccountsState =
  { state: 'loading' } | { state: 'ready'; accounts: Account[] } | { state: 'failed'; error: AppErrorData }

/**
 * The account list, the one way the renderer reads it: loaded on mount and again on every
 * `accounts:changed`. A re-read keeps the last list on screen until it answers, and an answer
 * older than the newest request is dropped (two quick changes cannot leave the first list shown).
 */
export function useAccounts(): AccountsState & { reload: () => void } {
  const [value, setValue] = useState<AccountsState>({ state: 'loading' })
  const live = useRef(true)
  const latest = useRef(0)
  const reload = useCallback(() => {
    const request = ++latest.current
    const settle = (next: AccountsState) => {
      if (live.current && request === latest.current) setValue(next)
    }
    call('listAccounts').then(
      (accounts) => settle({ state: 'ready', accounts }),
      (err: unknown) => settle({ state: 'failed', error: errorData(err) }),
    )
  }, [])
  useEffect(() => {
    live.current = true
    reload()
    const off = onMailEvent('accounts:changed', reload)
    return () => {
      live.current = false
      off()
    }
  }, [reload])
  return { ...value, reload }
}

/** The accounts once loaded; [] when they could not be read (the caller has nothing to offer then). */
export function accountList(state: AccountsState): Account[] | null {
  if (state.state === 'loading') return null
  return state.state === 'ready' ? state.accounts : []
}
