/** The app-health feature: the banner for a store or keychain in trouble. */
export { HealthBanner } from './HealthBanner'
