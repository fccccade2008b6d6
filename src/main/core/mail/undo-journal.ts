import type { UndoAction } from '../../../shared/model/organize'
import type { MessageIdentity } from '../store/message-mutations'

/** A message an action moved: the row standing for it in the target, and how to find it again. */
export interface MovedItem {
  /** The target's row (a placeholder until the server answers; the same row for local folders). */
  rowId: number
  /** Message-ID, arrival time and size: the row is found by them when the placeholder was replaced. */
  identity: MessageIdentity | undefined
  /** Keywords the source row had before the action ($Junk / $NotJunk are restored from them). */
  keywords: string[]
}

export interface MovedPart {
  kind: 'moved'
  from: number
  to: number
  items: MovedItem[]
}

/** Rows whose \Seen or \Flagged an action changed, with the values they had before. */
export interface FlagsPart {
  kind: 'flags'
  rows: { id: number; seen: boolean; flagged: boolean }[]
  keys: ('seen' | 'flagged')[]
}

export type UndoPart = MovedPart | FlagsPart

/** One person's action, with what its inverse needs. */
export interface UndoStep {
  action: UndoAction
  count: number
  parts: UndoPart[]
}

/** Steps kept: Ctrl/Cmd+Z walks back through them, newest first. */
const MAX_STEPS = 50

/**
 * The actions a person can undo, newest last. In memory: an undo is asked for within seconds or
 * minutes of the action, and the inverse is an ordinary queued action, so whatever the server
 * already carried out is reversed by new commands (never by forgetting queued ones), and a restart
 * in between loses only the chance to undo, never mail.
 */
export class UndoJournal {
  private readonly steps: UndoStep[] = []
  private quiet = 0

  push(step: UndoStep): boolean {
    if (this.quiet > 0 || step.parts.length === 0) return false
    this.steps.push(step)
    if (this.steps.length > MAX_STEPS) this.steps.shift()
    return true
  }

  pop(): UndoStep | undefined {
    return this.steps.pop()
  }

  get size(): number {
    return this.steps.length
  }

  /** Runs `fn` without recording (the inverse of an action is not itself undoable). */
  silently<T>(fn: () => T): T {
    this.quiet++
    try {
      return fn()
    } finally {
      this.quiet--
    }
  }
}
