import { useLayoutEffect, useRef, type KeyboardEvent } from 'react'

/**
 * A toolbar as one Tab stop (WAI-ARIA toolbar pattern, "roving tabindex"): Tab enters at the last
 * used button, Left/Right move between buttons (wrapping), Home/End go to the ends. Buttons keep
 * their own React props; only their tabindex is managed here.
 */
export function useRovingToolbar<T extends HTMLElement>() {
  const ref = useRef<T>(null)
  const buttons = () => Array.from(ref.current?.querySelectorAll<HTMLElement>(':scope > button') ?? [])

  // After every render (buttons may come and go): exactly one button is tabbable.
  useLayoutEffect(() => {
    const all = buttons()
    const current = all.find((b) => b.tabIndex === 0 && b.dataset['roving'] === 'on') ?? all[0]
    for (const b of all) {
      b.dataset['roving'] = 'on'
      b.tabIndex = b === current ? 0 : -1
    }
  })

  const onKeyDown = (e: KeyboardEvent<T>) => {
    const all = buttons()
    const index = all.indexOf(document.activeElement as HTMLElement)
    if (index < 0) return
    const next =
      e.key === 'ArrowRight'
        ? (index + 1) % all.length
        : e.key === 'ArrowLeft'
          ? (index - 1 + all.length) % all.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? all.length - 1
              : -1
    if (next < 0) return
    e.preventDefault()
    for (const b of all) b.tabIndex = -1
    all[next]!.tabIndex = 0
    all[next]!.focus()
  }
  return { ref, onKeyDown }
}
