import { useRef, useState } from 'react'
import type { AppErrorData } from '../../../../shared/errors'
import type { SignInRequest } from '../../../../shared/model/account'
import { errorData } from '../../lib/error-data'
import { call } from '../../lib/ipc'

export type SignInState =
  | { status: 'idle' }
  | { status: 'waiting' }
  | { status: 'done'; signInId: string }
  | { status: 'failed'; error: AppErrorData }

/**
 * One OAuth sign-in in the system browser, through main (which keeps the tokens): waiting while
 * the person is at the provider's page, cancellable, then done (with the id `addAccount` takes)
 * or failed with a typed error. Cancelling returns to idle.
 */
export function useSignIn() {
  const [state, setState] = useState<SignInState>({ status: 'idle' })
  const current = useRef<string | null>(null)

  async function start(request: SignInRequest): Promise<string | null> {
    const signInId = `sign-in-${crypto.randomUUID()}`
    current.current = signInId
    setState({ status: 'waiting' })
    try {
      await call('signIn', signInId, request)
      if (current.current !== signInId) return null
      setState({ status: 'done', signInId })
      return signInId
    } catch (err) {
      const error = errorData(err)
      if (current.current === signInId) {
        setState(error.code === 'CANCELLED' ? { status: 'idle' } : { status: 'failed', error })
      }
      return null
    }
  }

  function cancel() {
    const id = current.current
    if (id) void call('cancelSignIn', id).catch(() => undefined)
  }

  return { state, start, cancel }
}
