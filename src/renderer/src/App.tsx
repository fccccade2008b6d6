import { AppInfoPanel } from './features/app-info/AppInfoPanel'
import { ComposeEntry } from './features/composer/ComposeEntry'

export function App() {
  return (
    <div className="app-shell">
      <header className="app-header">
        <h1>Mailroom</h1>
        <ComposeEntry />
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
