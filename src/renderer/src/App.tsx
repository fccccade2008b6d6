import { useState } from 'react'
import { AccountsPage, FirstRunGate } from './features/accounts'
import { HealthBanner } from './features/app-health'
import { AppInfoPanel, BackgroundErrors } from './features/app-info'
import { ComposeEntry } from './features/composer'
import { ReaderLayout } from './features/reader'
import { UndoToast } from './features/undo'
import { ShortcutSheet } from './features/shortcuts'
import { SettingsPage, useAppearance } from './features/settings'
import { useAccounts } from './lib/use-accounts'

export function App() {
  const [showAccounts, setShowAccounts] = useState(false)
  const [showSettings, setShowSettings] = useState(false)
  const accounts = useAccounts()
  useAppearance()
  // The reader once any account exists (while loading or failed: the gate below explains).
  const hasAccounts = accounts.state === 'ready' && accounts.accounts.length > 0
  return (
    <div className="app-shell">
      <header className="app-header">
        <h1>Mailroom</h1>
        <nav className="app-nav">
          <button
            type="button"
            aria-pressed={showAccounts}
            onClick={() => {
              setShowSettings(false)
              setShowAccounts((v) => !v)
            }}
          >
            Accounts
          </button>
          <button
            type="button"
            aria-pressed={showSettings}
            onClick={() => {
              setShowAccounts(false)
              setShowSettings((v) => !v)
            }}
          >
            Settings
          </button>
          <ComposeEntry />
        </nav>
      </header>
      <HealthBanner />
      <BackgroundErrors />
      <UndoToast />
      <main className="app-main">
        {showSettings ? (
          <SettingsPage />
        ) : showAccounts ? (
          <AccountsPage onClose={() => setShowAccounts(false)} />
        ) : (
          // One FirstRunGate in one place: the wizard keeps its last step after the first account is
          // added, then the gate shows the reader.
          <section
            className={hasAccounts ? 'reader-host' : 'welcome'}
            aria-labelledby={hasAccounts ? undefined : 'welcome-title'}
            aria-label={hasAccounts ? 'Mail' : undefined}
          >
            {!hasAccounts && <h2 id="welcome-title">Welcome</h2>}
            {!hasAccounts && (
              <p>Your mail, from your own servers: fast, offline, and safe against hostile messages.</p>
            )}
            <FirstRunGate>
              <ReaderLayout />
            </FirstRunGate>
            {!hasAccounts && <AppInfoPanel />}
          </section>
        )}
      </main>
      <ShortcutSheet />
    </div>
  )
}
