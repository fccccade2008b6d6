import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react'
import { PANE_LIMITS, setPaneSize, usePaneSizes, type Pane } from './pane-sizes'

const STEP = 16
const LABELS: Record<Pane, string> = { folders: 'Resize the folder pane', list: 'Resize the message list' }

/**
 * The handle between two panes: drag it, or focus it and use the arrow keys (Shift: larger steps),
 * Home and End (WAI-ARIA "window splitter" pattern: a focusable separator with its value).
 */
export function Splitter({ pane }: { pane: Pane }) {
  const size = usePaneSizes()[pane]
  const { min, max } = PANE_LIMITS[pane]
  const drag = useRef<{ startX: number; startSize: number } | null>(null)
  const [dragging, setDragging] = useState(false)

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return
    e.preventDefault()
    e.currentTarget.setPointerCapture?.(e.pointerId)
    e.currentTarget.focus()
    drag.current = { startX: e.clientX, startSize: size }
    setDragging(true)
  }
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return
    setPaneSize(pane, drag.current.startSize + e.clientX - drag.current.startX)
  }
  const onPointerEnd = () => {
    drag.current = null
    setDragging(false)
  }
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.shiftKey ? STEP * 4 : STEP
    const next =
      e.key === 'ArrowLeft'
        ? size - step
        : e.key === 'ArrowRight'
          ? size + step
          : e.key === 'Home'
            ? min
            : e.key === 'End'
              ? max
              : null
    if (next === null) return
    e.preventDefault()
    e.stopPropagation()
    setPaneSize(pane, next)
  }

  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={LABELS[pane]}
      aria-valuenow={size}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      className={dragging ? 'splitter dragging' : 'splitter'}
      data-pane={pane}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerEnd}
      onPointerCancel={onPointerEnd}
      onKeyDown={onKeyDown}
    />
  )
}
