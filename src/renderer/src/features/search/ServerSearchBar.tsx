import { ErrorNotice } from '../../lib/ErrorNotice'
import type { ServerSearchState } from './use-server-search'

export interface ServerSearchBarProps {
  server: ServerSearchState
  /** Hits the server added to the local ones. */
  added: number
  onRun: () => void
}

/** "Search on server" and what the server's search found (or why it could not). */
export function ServerSearchBar({ server, added, onRun }: ServerSearchBarProps) {
  return (
    <div className="server-search">
      {server.state === 'searching' ? (
        <p className="search-status" role="status">
          Searching on the server…
        </p>
      ) : (
        <>
          {server.state === 'ready' && (
            <p className="search-status" role="status">
              {added === 0
                ? 'The server found nothing more.'
                : `${added.toLocaleString()} more on the server${server.result.truncated ? '+' : ''}.`}
            </p>
          )}
          <button type="button" className="server-search-run" onClick={onRun}>
            Search on server
          </button>
        </>
      )}
      {server.state === 'failed' && <ErrorNotice error={server.error} />}
    </div>
  )
}
