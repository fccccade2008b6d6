import type { AppHealth, BackgroundTask, StoppedTask } from '../../../../shared/model/app-health'
import { errorText } from '../../lib/error-text'
import { useAppHealth } from './use-app-health'

/** What each background task does, for "Stopped until then: …". */
const TASK_WORDS: Record<BackgroundTask, string> = {
  'mail-sync': 'syncing mail',
  outbox: 'sending (queued mail waits in the Outbox)',
  pop3: 'checking POP3 mail',
  'search-index': 'indexing new mail for search',
  threads: 'grouping conversations',
  contacts: 'learning addresses for suggestions',
  drafts: 'copying drafts to the server',
  backup: 'the daily backup of local mail',
}

const capitalized = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

/**
 * The app-wide banner: the local store failed (disk full, read-only, damaged, ...) and what
 * stopped because of it, or background work that could not start. It stays until main reports
 * the cause gone (`app:health`); there is nothing to dismiss, because nothing is fixed until then.
 */
export function HealthBanner() {
  const health = useAppHealth()
  if (!health || (health.storage === null && health.stopped.length === 0)) return null
  return <HealthNotice health={health} />
}

export function HealthNotice({ health }: { health: AppHealth }) {
  const byStorage = health.stopped.filter((s) => s.error.code === 'STORAGE_FAILED')
  const others = health.stopped.filter((s) => s.error.code !== 'STORAGE_FAILED')
  const words = health.storage ? errorText(health.storage) : null
  return (
    <section
      role="alert"
      aria-label="Problem"
      className="health-banner"
      data-testid="health-banner"
      data-reason={String(health.storage?.detail?.['reason'] ?? '')}
    >
      {words && (
        <>
          <strong>{words.title}</strong>
          <p>{words.action}</p>
        </>
      )}
      {words && byStorage.length > 0 && (
        <p data-testid="health-stopped">
          Stopped until then: {byStorage.map((s) => TASK_WORDS[s.task]).join('; ')}.
        </p>
      )}
      {others.map((s) => (
        <StoppedLine key={s.task} stopped={s} />
      ))}
    </section>
  )
}

function StoppedLine({ stopped }: { stopped: StoppedTask }) {
  const text = errorText(stopped.error)
  return (
    <p data-testid={`health-stopped-${stopped.task}`}>
      <strong>{capitalized(TASK_WORDS[stopped.task])} stopped:</strong> {text.title} {text.action}
    </p>
  )
}
