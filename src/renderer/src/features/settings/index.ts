/** The Settings feature: the settings hook every feature reads, the appearance it applies, the page. */
export { useSetting, useSettings } from './use-settings'
export { useAppearance, useDarkTheme } from './use-appearance'
export { updateSettings } from './settings-store'
export { SettingsPage } from './SettingsPage'
