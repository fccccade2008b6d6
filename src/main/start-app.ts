/**
 * Starting the app's services with what must come first: the store's integrity check, and for a
 * damaged store a choice for the person (restore from the rolling backup, start over, quit), and
 * for any failure to start a dialog that says why. Never a silent exit. Plain Node: the Electron
 * bootstrap passes its dialogs in (platform/startup-dialogs.ts); tests pass recorders.
 */
import { mkdirSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { storageFailureWords } from '../shared/storage-failure'
import { STORE_FILE } from './core/store/database'
import { storageError, toErrorData } from './core/store/storage-errors'
import { BACKUP_DIR, listBackups, type BackupInfo } from './core/store/store-backup'
import { checkStoreFile } from './core/store/store-check'
import { repairStore } from './repair-store'
import { createServices, type Services, type ServicesOptions } from './services'

export type RecoveryChoice = 'restore' | 'start-over' | 'quit'

export interface RecoveryQuestion {
  title: string
  message: string
  detail: string
  /** In the order shown; the first is the default, the last is what closing the dialog means. */
  choices: { choice: RecoveryChoice; label: string }[]
}

/** The platform's dialogs (Electron's in the app). */
export interface StartupDialogs {
  askRecovery(question: RecoveryQuestion): Promise<RecoveryChoice>
  showStartError(title: string, message: string): Promise<void>
}

export type StartOutcome =
  | { kind: 'started'; services: Services }
  /** The person chose to quit at the recovery question: nothing was changed. */
  | { kind: 'quit' }
  /** Starting failed and the dialog said why. */
  | { kind: 'failed' }

export async function startApp(
  opts: ServicesOptions,
  dialogs: StartupDialogs,
  create: (opts: ServicesOptions) => Services = createServices,
): Promise<StartOutcome> {
  const file = join(opts.dataDir, STORE_FILE)
  try {
    mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 })
    for (let round = 0; ; round++) {
      const check = checkStoreFile(file)
      if (check.state !== 'damaged') break
      if (round >= 2)
        throw storageError('corrupt', { message: 'The local store is still damaged after repair' })
      const backup = listBackups(join(opts.dataDir, BACKUP_DIR))[0] ?? null
      const choice = await dialogs.askRecovery(recoveryQuestion(file, check.problems, backup))
      if (choice === 'quit') return { kind: 'quit' }
      const result = repairStore(file, choice === 'restore' ? backup : null)
      console.warn('[store] repaired', result)
    }
    return { kind: 'started', services: create(opts) }
  } catch (err) {
    console.error('[start] failed', err)
    const data = toErrorData(err)
    const words = storageFailureWords(data)
    await dialogs.showStartError(
      'Mailroom cannot start',
      words ? `${words.title}\n\n${words.action}\n\n(${opts.dataDir})` : `${data.message}`,
    )
    return { kind: 'failed' }
  }
}

export function recoveryQuestion(
  file: string,
  problems: readonly string[],
  backup: BackupInfo | null,
): RecoveryQuestion {
  const when = backup ? new Date(backup.takenAt).toLocaleString() : ''
  const detail = [
    ...(backup
      ? [
          `Restore: accounts, drafts, unsent messages and local (POP3) folders come back as they were on ${when}; drafts and unsent messages that can still be read from the damaged data are added back. Mail on your servers is downloaded again. Messages that were waiting to be sent are not sent again on their own: each one is checked against your Sent folder or shown for you to decide.`,
        ]
      : []),
    `Start over: accounts, drafts and unsent messages that can still be read are kept; everything else starts empty and mail on your servers is downloaded again.${
      backup
        ? ''
        : ' Mail that existed only on this computer (POP3 folders) cannot be recovered without a backup.'
    }`,
    `Either way the damaged data is kept as ${basename(file)}.damaged-… in ${dirname(file)}.`,
    'Quit: nothing is changed.',
    `(SQLite reported: ${problems.slice(0, 3).join('; ')})`,
  ]
  return {
    title: 'Mailroom’s local data is damaged',
    message:
      'Mailroom checked its local data at start and found it damaged. Your mail on the servers is not affected.',
    detail: detail.join('\n\n'),
    choices: [
      ...(backup ? [{ choice: 'restore' as const, label: `Restore from the backup of ${when}` }] : []),
      { choice: 'start-over', label: 'Start over' },
      { choice: 'quit', label: 'Quit' },
    ],
  }
}
