/**
 * The widths of the resizable panes (folders, message list), remembered on this computer
 * (localStorage: a view preference, not a setting worth syncing) and shared by every splitter.
 */
import { useSyncExternalStore } from 'react'

export type Pane = 'folders' | 'list'

export interface PaneLimits {
  initial: number
  min: number
  max: number
}

export const PANE_LIMITS: Record<Pane, PaneLimits> = {
  folders: { initial: 220, min: 150, max: 420 },
  list: { initial: 380, min: 240, max: 760 },
}

const KEY = 'mailroom.paneSizes'
const listeners = new Set<() => void>()
let sizes: Record<Pane, number> | null = null

export function clampSize(pane: Pane, px: number): number {
  const { min, max } = PANE_LIMITS[pane]
  return Math.round(Math.min(max, Math.max(min, px)))
}

function read(): Record<Pane, number> {
  if (sizes) return sizes
  const out = { folders: PANE_LIMITS.folders.initial, list: PANE_LIMITS.list.initial }
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Record<Pane, unknown>>
    for (const pane of ['folders', 'list'] as const) {
      const v = stored[pane]
      if (typeof v === 'number' && Number.isFinite(v)) out[pane] = clampSize(pane, v)
    }
  } catch {
    // Unreadable (a hand edit, storage off): the initial sizes.
  }
  sizes = out
  return out
}

export function setPaneSize(pane: Pane, px: number): void {
  const next = { ...read(), [pane]: clampSize(pane, px) }
  sizes = next
  try {
    localStorage.setItem(KEY, JSON.stringify(next))
  } catch {
    // Storage full or off: the size holds until the window closes.
  }
  listeners.forEach((l) => l())
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function usePaneSizes(): Record<Pane, number> {
  return useSyncExternalStore(subscribe, read)
}

/** For tests: forget the sizes read (localStorage is read again). */
export function resetPaneSizes(): void {
  sizes = null
}
