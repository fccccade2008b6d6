/** The app-info feature: version and data paths, background failures, the keychain's state. */
export { AppInfoPanel } from './AppInfoPanel'
export { BackgroundErrors } from './BackgroundErrors'
export { useAppInfo } from './use-app-info'
