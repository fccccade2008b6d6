import { useEffect, useState } from 'react'
import type { AppErrorData } from '../../../../shared/errors'
import type { AppInfo } from '../../../../shared/model/app-info'
import { IpcError, call } from '../../lib/ipc'

export type Loadable<T> =
  { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed'; error: AppErrorData }

export function useAppInfo(): Loadable<AppInfo> {
  const [info, setInfo] = useState<Loadable<AppInfo>>({ state: 'loading' })
  useEffect(() => {
    let live = true
    call('getAppInfo').then(
      (value) => live && setInfo({ state: 'ready', value }),
      (err: unknown) =>
        live &&
        setInfo({
          state: 'failed',
          error:
            err instanceof IpcError ? err.data : { code: 'INTERNAL', message: String(err), retryable: false },
        }),
    )
    return () => {
      live = false
    }
  }, [])
  return info
}
