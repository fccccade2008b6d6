import { useEffect, useState } from 'react'
import { call, onMailEvent } from '../../lib/ipc'

/** Whether any account exists (the app shows the reader then), kept current. */
export function useHasAccounts(): boolean {
  const [has, setHas] = useState(false)
  useEffect(() => {
    let live = true
    const check = () =>
      call('listAccounts').then(
        (accounts) => live && setHas(accounts.length > 0),
        () => undefined,
      )
    void check()
    const off = onMailEvent('accounts:changed', () => void check())
    return () => {
      live = false
      off()
    }
  }, [])
  return has
}
