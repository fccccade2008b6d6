import { join } from 'node:path'
import { AppError } from '../../../shared/errors'
import { storageFailure, toErrorData } from '../store/storage-errors'
import type { Account } from '../../../shared/model/account'
import { withLogin, type AccountSource } from '../accounts/account-source'
import type { EventBus } from '../events'
import type { TlsTrust } from '../net/tls'
import type { Db } from '../store/database'
import type { TaskHealth } from '../store/storage-health'
import type { LocalMailTarget } from './local-mail-target'
import { pop3OptionsOf } from './pop3-options'
import { retrievePop3, type Pop3RetrieveDeps, type Pop3RetrieveResult } from './pop3-retrieve'
import type { Pop3Scheduler } from './pop3-scheduler-api'
import { createPop3State } from './pop3-state'

export interface Pop3SchedulerDeps {
  db: Db
  /** The app's data folder: downloads in progress go to `<dataDir>/pop3-incoming/`. */
  dataDir: string
  trust: TlsTrust
  events: EventBus
  accountSource: AccountSource
  listAccounts: () => Account[]
  /** The local mail store; while null, POP3 accounts are not polled. */
  target: LocalMailTarget | null
  clock?: () => number
  /** How long "a minute" of checkEveryMinutes is (tests shorten it). */
  minuteMs?: number
  timeoutMs?: number
  /** Hears when checks fail on a failed store (the app's banner says so rather than app:error). */
  health?: TaskHealth
}

export function createPop3Scheduler(deps: Pop3SchedulerDeps): Pop3Scheduler {
  const state = createPop3State(deps.db)
  const clock = deps.clock ?? Date.now
  const minuteMs = deps.minuteMs ?? 60_000
  const timers = new Map<string, ReturnType<typeof setInterval>>()
  const running = new Map<string, { promise: Promise<Pop3RetrieveResult>; abort: AbortController }>()
  let unsubscribe: (() => void) | undefined
  let stopped = false

  function check(accountId: string): Promise<Pop3RetrieveResult> {
    const current = running.get(accountId)
    if (current) return current.promise
    const target = deps.target
    if (stopped) return Promise.reject(new AppError('CANCELLED', 'POP3 checks have stopped'))
    if (!target)
      return Promise.reject(new AppError('STORAGE_FAILED', 'The local mail store is not available'))
    const abort = new AbortController()
    const retrieveDeps: Pop3RetrieveDeps = {
      db: deps.db,
      state,
      target,
      trust: deps.trust,
      tempDir: join(deps.dataDir, 'pop3-incoming'),
      clock,
      events: deps.events,
      timeoutMs: deps.timeoutMs,
      signal: abort.signal,
    }
    const promise = (async () => {
      const account = deps.accountSource.get(accountId)
      return withLogin(deps.accountSource, accountId, 'incoming', (secret) =>
        retrievePop3(retrieveDeps, account, secret),
      )
    })()
      .catch((err: unknown) => {
        const error = toErrorData(err)
        try {
          const previous = state.status(accountId)
          if (deps.listAccounts().some((a) => a.id === accountId)) {
            state.setStatus(accountId, {
              identity: previous?.identity ?? 'uidl',
              lastCheckAt: clock(),
              lastError: JSON.stringify(error),
            })
          }
        } catch (statusErr) {
          // The status row needs the store too; the failure itself is what counts.
          if (!deps.health?.report('pop3', statusErr)) console.error('[pop3] status not saved', statusErr)
        }
        // A failed store is the banner's to show (it stays until the store works); the rest is app:error.
        const told = error.code === 'STORAGE_FAILED' && deps.health?.report('pop3', err) === true
        if (error.code !== 'CANCELLED' && !told) deps.events.emit('app:error', { accountId, error })
        throw (error.code === 'STORAGE_FAILED' ? storageFailure(err) : null) ?? err
      })
      .finally(() => running.delete(accountId))
    running.set(accountId, { promise, abort })
    return promise
  }

  /** (Re)arms an account's timer; `first` also runs the check-at-start. */
  function schedule(account: Account, first: boolean): void {
    clearTimer(account.id)
    if (account.incoming.protocol !== 'pop3') return
    const options = pop3OptionsOf(account)
    const every = Math.max(1, options.checkEveryMinutes) * minuteMs
    const timer = setInterval(() => void check(account.id).catch(() => undefined), every)
    timer.unref?.()
    timers.set(account.id, timer)
    if (first && options.checkAtStart) void check(account.id).catch(() => undefined)
  }

  function clearTimer(accountId: string): void {
    const timer = timers.get(accountId)
    if (timer) clearInterval(timer)
    timers.delete(accountId)
  }

  function onAccountChanged(accountId: string): void {
    if (stopped) return
    const account = deps.listAccounts().find((a) => a.id === accountId)
    if (!account || account.incoming.protocol !== 'pop3') {
      clearTimer(accountId)
      running.get(accountId)?.abort.abort()
      return
    }
    // Saved (new or changed): check at once, so the person sees at once whether the settings work
    // and what arrived; the timer starts again from now with the new settings.
    schedule(account, false)
    void check(accountId).catch(() => undefined)
  }

  return {
    start() {
      if (!deps.target || stopped || unsubscribe) return
      unsubscribe = deps.events.on('accounts:changed', ({ accountId }) => onAccountChanged(accountId))
      for (const account of deps.listAccounts()) schedule(account, true)
    },
    checkNow: check,
    status: (accountId) => state.status(accountId),
    async stop() {
      stopped = true
      unsubscribe?.()
      for (const id of [...timers.keys()]) clearTimer(id)
      const pending = [...running.values()]
      pending.forEach((r) => r.abort.abort())
      await Promise.allSettled(pending.map((r) => r.promise))
    },
  }
}
