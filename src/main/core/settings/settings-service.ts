import {
  DEFAULT_SETTINGS,
  type DisplayCapabilities,
  type Settings,
  type SettingsState,
  type ThemeChoice,
} from '../../../shared/model/settings'
import { AppError } from '../../../shared/errors'
import type { EventBus } from '../events'
import { SETTING_KEYS, SETTING_SCHEMAS, settingsPatchSchema } from './settings-schema'
import type { SettingsStore } from './settings-store'

/**
 * What the platform does for appearance (platform/electron-appearance.ts in the app). Core stays
 * Electron-free: without a port (the browser preview, tests) the renderer zooms and prints itself.
 */
export interface AppearancePort {
  /** Electron's nativeTheme.themeSource: the window's prefers-color-scheme follows it. */
  setThemeSource(theme: ThemeChoice): void
  setZoomFactor(factor: number): void
  /** Prints the window; resolves when the print dialog closed. */
  print(): Promise<void>
}

/** The outbox's hold before sending ("Undo"), which the outbox store already keeps. */
export interface UndoSendSetting {
  get(): number
  set(seconds: number): void
}

export interface SettingsService {
  state(): SettingsState
  get(): Settings
  update(patch: Partial<Settings>): Settings
  print(): Promise<boolean>
  /** Applies the stored appearance to the platform (once the window exists). */
  applyToPlatform(): void
}

export function createSettingsService(deps: {
  store: SettingsStore
  events: EventBus
  undoSend?: UndoSendSetting
  appearance?: AppearancePort
}): SettingsService {
  const { store, events, undoSend, appearance } = deps
  const capabilities: DisplayCapabilities = { nativeZoom: !!appearance, nativePrint: !!appearance }

  const get = (): Settings => {
    const stored = store.readAll()
    const out: Record<string, unknown> = { ...DEFAULT_SETTINGS }
    for (const key of SETTING_KEYS) {
      if (!stored.has(key)) continue
      const parsed = SETTING_SCHEMAS[key].safeParse(stored.get(key))
      if (parsed.success) out[key] = parsed.data
    }
    if (undoSend) out['undoSendSeconds'] = undoSend.get()
    return out as unknown as Settings
  }

  const apply = (s: Settings) => {
    appearance?.setThemeSource(s.theme)
    appearance?.setZoomFactor(s.zoom)
  }

  return {
    state: () => ({ settings: get(), capabilities }),
    get,
    update(patch) {
      // IPC validated already; core checks again for callers inside main.
      const parsed = settingsPatchSchema.safeParse(patch)
      if (!parsed.success) {
        const issue = parsed.error.issues[0]
        throw new AppError('INVALID_INPUT', `Setting not accepted: ${issue?.message ?? 'invalid'}`, {
          retryable: false,
          detail: { field: `patch.${issue?.path.join('.') ?? ''}` },
        })
      }
      const { undoSendSeconds, ...rest } = parsed.data
      if (undoSendSeconds !== undefined) {
        if (undoSend) undoSend.set(undoSendSeconds)
        else store.write({ undoSendSeconds })
      }
      store.write(rest)
      const next = get()
      apply(next)
      events.emit('settings:changed', { settings: next })
      return next
    },
    async print() {
      if (!appearance) return false
      await appearance.print()
      return true
    },
    applyToPlatform: () => apply(get()),
  }
}
