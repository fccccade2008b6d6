/**
 * Where a list's keyboard row goes for a key (ARIA listbox keys), clamped to the list, or undefined
 * when the key does not move it. PageUp/PageDown only where the list knows its page (`pageRows`).
 */
export function listKeyTarget(
  key: string,
  cursor: number,
  count: number,
  pageRows?: number,
): number | undefined {
  const at = Math.max(0, cursor)
  const moves: Record<string, number | undefined> = {
    ArrowDown: cursor < 0 ? 0 : at + 1,
    ArrowUp: at - 1,
    Home: 0,
    End: count - 1,
    ...(pageRows === undefined ? {} : { PageDown: at + pageRows, PageUp: at - pageRows }),
  }
  const to = moves[key]
  return to === undefined ? undefined : Math.max(0, Math.min(count - 1, to))
}
