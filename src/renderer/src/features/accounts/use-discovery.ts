import { useCallback, useEffect, useRef, useState } from 'react'
import type { AppErrorData } from '../../../../shared/errors'
import {
  DISCOVERY_PHASES,
  type DiscoveryPhase,
  type DiscoveryResult,
} from '../../../../shared/model/discovery'
import { call, onMailEvent } from '../../lib/ipc'
import { errorData } from '../../lib/error-data'

export type DiscoveryState =
  | { status: 'idle' }
  | { status: 'running'; phase: DiscoveryPhase; done: number; total: number }
  | { status: 'found'; result: DiscoveryResult }
  | { status: 'failed'; error: AppErrorData }

export type DiscoveryOutcome = { result: DiscoveryResult } | { error: AppErrorData }

const isPhase = (p: string): p is DiscoveryPhase => (DISCOVERY_PHASES as readonly string[]).includes(p)

/** Runs one discovery at a time, with its progress, and cancels it when asked or unmounted. */
export function useDiscovery() {
  const [state, setState] = useState<DiscoveryState>({ status: 'idle' })
  const current = useRef<string | null>(null)

  const cancel = useCallback(() => {
    const id = current.current
    current.current = null
    if (id) void call('cancelDiscovery', id).catch(() => undefined)
    setState({ status: 'idle' })
  }, [])

  /** Starts a search; `onEnd` hears how it ended (not when it was cancelled). */
  const start = useCallback((address: string, onEnd: (outcome: DiscoveryOutcome) => void) => {
    const id = crypto.randomUUID()
    current.current = id
    setState({ status: 'running', phase: 'config-file', done: 0, total: DISCOVERY_PHASES.length - 1 })
    const off = onMailEvent('sync:progress', (p) => {
      const phase = p.phase.replace(/^discover:/, '')
      if (p.accountId === id && current.current === id && isPhase(phase)) {
        setState({ status: 'running', phase, done: p.done, total: p.total ?? DISCOVERY_PHASES.length - 1 })
      }
    })
    call('discoverSettings', id, address)
      .then(
        (result) => {
          if (current.current !== id) return
          setState({ status: 'found', result })
          onEnd({ result })
        },
        (err: unknown) => {
          if (current.current !== id) return
          const error = errorData(err)
          setState({ status: 'failed', error })
          onEnd({ error })
        },
      )
      .finally(off)
  }, [])

  useEffect(
    () => () => {
      const id = current.current
      if (id) void call('cancelDiscovery', id).catch(() => undefined)
    },
    [],
  )

  return { state, start, cancel }
}
