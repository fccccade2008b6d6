/**
 * "Back to the list": the one-pane layout (narrow windows, layout.css) shows the list or the
 * message; this closes the message and puts the keyboard back in the list. Hidden on wider windows.
 */
export function BackToList({ onBack }: { onBack: () => void }) {
  return (
    <button
      type="button"
      className="back-to-list"
      onClick={() => {
        onBack()
        // The list is shown again on the next frame: then it can take focus.
        requestAnimationFrame(() =>
          document.querySelector<HTMLElement>('.list-column [role="listbox"]')?.focus(),
        )
      }}
    >
      ← Back to the list
    </button>
  )
}
