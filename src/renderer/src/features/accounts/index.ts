/** The accounts feature: the first-run wizard, the accounts page, "Check now" (what other features use). */
export { AccountsPage } from './AccountsPage'
export { CheckNowButton } from './CheckNowButton'
export { FirstRunGate } from './FirstRunGate'
