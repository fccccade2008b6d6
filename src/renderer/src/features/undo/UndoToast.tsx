import { ErrorNotice } from '../../lib/ErrorNotice'
import { useUndo } from './use-undo'
import './undo.css'

/** "Moved 3 messages to Archive · Undo", then "Undone: …" (issue 15 item 5). */
export function UndoToast() {
  const { state, undo, dismiss } = useUndo()
  return (
    <div className="undo-toast-host" role="status" aria-live="polite">
      {state.kind !== 'none' && (
        <div className="undo-toast" data-testid="undo-toast">
          {state.kind === 'failed' ? <ErrorNotice error={state.error} /> : <span>{state.words}</span>}
          {state.kind === 'done' && (
            <button type="button" onClick={undo} aria-keyshortcuts="Control+Z Meta+Z">
              Undo
            </button>
          )}
          <button type="button" className="undo-toast-close" aria-label="Dismiss" onClick={dismiss}>
            ×
          </button>
        </div>
      )}
    </div>
  )
}
