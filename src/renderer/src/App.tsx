import { AppInfoPanel } from './features/app-info/AppInfoPanel'
import { useHasAccounts } from './features/mailboxes/use-has-accounts'
import { ReaderLayout } from './features/reader/ReaderLayout'

export function App() {
  const hasAccounts = useHasAccounts()
  if (hasAccounts) return <ReaderLayout />
  return (
    <div className="app-shell">
      <header className="app-header">
        <h1>Mailroom</h1>
      </header>
      <main className="app-main">
        <section className="welcome" aria-labelledby="welcome-title">
          <h2 id="welcome-title">Welcome</h2>
          <p>Your mail, from your own servers: fast, offline, and safe against hostile messages.</p>
          <AppInfoPanel />
        </section>
      </main>
    </div>
  )
}
