import { useState, type ReactNode } from 'react'
import { ErrorNotice } from '../../lib/ErrorNotice'
import { AccountWizard } from './AccountWizard'
import { useAccounts } from '../../lib/use-accounts'

/** On first run (no account yet) shows the wizard until it is done; otherwise its children. */
export function FirstRunGate(props: { children?: ReactNode }) {
  const accounts = useAccounts()
  const [firstRun, setFirstRun] = useState<boolean | null>(null)
  // Decided once: adding the first account must not swap the wizard away before its last step.
  const ready = accounts.state === 'ready'
  const none = ready && accounts.accounts.length === 0
  if (ready && firstRun === null) setFirstRun(none)
  if (accounts.state === 'loading') return <p aria-busy="true">Loading…</p>
  if (accounts.state === 'failed') return <ErrorNotice error={accounts.error} />
  if (firstRun ?? none)
    return <AccountWizard title="Add your mail account" onDone={() => setFirstRun(false)} />
  return <>{props.children}</>
}
