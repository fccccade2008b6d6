import { useEffect, useId, useState } from 'react'
import type { AppErrorData } from '../../../../shared/errors'
import type { OfflineBodiesInfo, OfflineBodiesPolicy } from '../../../../shared/model/search'
import { errorData } from '../../lib/error-data'
import { ErrorNotice } from '../../lib/ErrorNotice'
import { call } from '../../lib/ipc'

/** The choices offered; a number of days set elsewhere is shown as its own choice. */
const CHOICES: { value: string; label: string }[] = [
  { value: '30', label: 'the last 30 days' },
  { value: '90', label: 'the last 90 days' },
  { value: '365', label: 'the last year' },
  { value: 'all', label: 'all mail' },
]

const valueOf = (p: OfflineBodiesPolicy) => (p === 'all' ? 'all' : String(p.days))
const policyOf = (v: string): OfflineBodiesPolicy => (v === 'all' ? 'all' : { days: Number(v) })

/** Bytes in words a person reads at a glance (1 decimal above a megabyte). */
export function storedSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`
  return `${(bytes / 1024 ** 3).toFixed(1)} GB`
}

/**
 * An IMAP account's offline mail (issue 17 item 1): which bodies are kept on this computer for
 * reading and searching without the server, and what they take. Changing it takes effect at once
 * (main wakes the account's engine).
 */
export function OfflineBodiesLine({ accountId, label }: { accountId: string; label: string }) {
  const id = useId()
  const [info, setInfo] = useState<OfflineBodiesInfo | null>(null)
  const [error, setError] = useState<AppErrorData | null>(null)
  useEffect(() => {
    let current = true
    call('getOfflineBodies', accountId).then(
      (i) => current && setInfo(i),
      (err: unknown) => current && setError(errorData(err)),
    )
    return () => {
      current = false
    }
  }, [accountId])

  const change = (value: string) => {
    setError(null)
    call('setOfflineBodies', accountId, policyOf(value)).then(setInfo, (err: unknown) =>
      setError(errorData(err)),
    )
  }
  const value = info ? valueOf(info.policy) : ''
  const choices =
    info && !CHOICES.some((c) => c.value === value)
      ? [...CHOICES, { value, label: `the last ${value} days` }]
      : CHOICES
  return (
    <div className="offline-bodies muted" data-testid="offline-bodies">
      <label htmlFor={id}>Keep mail offline for {label}: </label>
      <select id={id} value={value} disabled={!info} onChange={(e) => change(e.target.value)}>
        {!info && <option value="">…</option>}
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
      {info && <span> · {storedSize(info.storedBytes)} stored</span>}
      {error && <ErrorNotice error={error} />}
    </div>
  )
}
