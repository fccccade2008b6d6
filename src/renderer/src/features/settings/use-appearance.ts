import { useEffect, useSyncExternalStore } from 'react'
import { nextZoom } from '../../../../shared/model/settings'
import { useSettings } from './use-settings'

const DARK_QUERY = '(prefers-color-scheme: dark)'

function subscribeScheme(listener: () => void): () => void {
  const query = window.matchMedia?.(DARK_QUERY)
  query?.addEventListener('change', listener)
  return () => query?.removeEventListener('change', listener)
}

/** Whether the app shows its dark theme: chosen, or "system" on a dark OS (follows OS changes). */
export function useDarkTheme(): boolean {
  const { settings } = useSettings()
  const osDark = useSyncExternalStore(subscribeScheme, () => !!window.matchMedia?.(DARK_QUERY).matches)
  return settings.theme === 'dark' || (settings.theme === 'system' && osDark)
}

/**
 * Applies the appearance settings to the page, once, at the app's root: the theme override
 * (tokens.css reads data-theme; "system" leaves the OS's, which Electron's nativeTheme sets from
 * the same setting), and zoom with its keys. Electron zooms the window itself (webContents,
 * through main's appearance port); the browser preview zooms the page with CSS.
 */
export function useAppearance(): void {
  const { settings, capabilities, update } = useSettings()
  const { theme, zoom } = settings

  useEffect(() => {
    const root = document.documentElement
    if (theme === 'system') delete root.dataset['theme']
    else root.dataset['theme'] = theme
  }, [theme])

  useEffect(() => {
    const root = document.documentElement
    root.style.zoom = capabilities.nativeZoom || zoom === 1 ? '' : String(zoom)
  }, [zoom, capabilities.nativeZoom])

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return
      // '=' is '+' without Shift on most layouts; numpad keys report their own names.
      const change =
        e.key === '+' || e.key === '=' || e.code === 'NumpadAdd'
          ? nextZoom(zoom, 1)
          : e.key === '-' || e.code === 'NumpadSubtract'
            ? nextZoom(zoom, -1)
            : e.key === '0' || e.code === 'Numpad0'
              ? 1
              : null
      if (change === null) return
      e.preventDefault()
      if (change !== zoom) void update({ zoom: change }).catch(() => undefined)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [zoom, update])
}
