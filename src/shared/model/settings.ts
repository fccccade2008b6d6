/**
 * The person's preferences (the Settings page). Stored by main in the local store; the renderer
 * reads them with features/settings/use-settings.ts and applies a change at once.
 */
export type ThemeChoice = 'system' | 'light' | 'dark'
export type ShortcutPreset = 'default' | 'gmail'

export interface Settings {
  // Reading
  /** Seconds a message stays open before it is marked read; 0: at once; null: never automatically. */
  markReadAfterSeconds: number | null
  /** After delete, archive or move: open the next message (true) or leave the reader empty. */
  openNextAfterDelete: boolean
  /** Remote content (images, fonts) of messages: blocked until allowed (the safe default), or shown. */
  remoteContent: 'block' | 'allow'
  /** The conversation of the open message shown above it in the reading pane. */
  conversationView: boolean
  // Composing
  defaultFormat: 'html' | 'plain'
  /** Where a reply's own text goes: above the quoted message (top posting) or below it. */
  replyPosition: 'above' | 'below'
  /** How long "Undo" stays available after Send (the outbox holds the message that long). */
  undoSendSeconds: number
  // Notifications
  /** A desktop notification when new mail arrives in an Inbox. */
  notifyNewMail: boolean
  // Appearance
  theme: ThemeChoice
  /** Page zoom factor, 0.5 .. 3 (Ctrl/Cmd + and -, Ctrl/Cmd+0 resets). */
  zoom: number
  // Keys
  /** Which single-key shortcut set the command table uses (feat/commands reads it). */
  shortcutPreset: ShortcutPreset
}

export const DEFAULT_SETTINGS: Settings = {
  markReadAfterSeconds: 0,
  openNextAfterDelete: true,
  remoteContent: 'block',
  conversationView: true,
  defaultFormat: 'html',
  replyPosition: 'above',
  undoSendSeconds: 5,
  notifyNewMail: true,
  theme: 'system',
  zoom: 1,
  shortcutPreset: 'default',
}

export const ZOOM_MIN = 0.5
export const ZOOM_MAX = 3
/** Chromium's own zoom steps (as Ctrl +/- in a browser), so the app feels like one. */
export const ZOOM_STEPS = [0.5, 0.67, 0.75, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3] as const

/** The next zoom step in a direction (+1 larger, -1 smaller) from any factor. */
export function nextZoom(current: number, direction: 1 | -1): number {
  if (direction > 0) return ZOOM_STEPS.find((z) => z > current + 1e-6) ?? ZOOM_MAX
  return [...ZOOM_STEPS].reverse().find((z) => z < current - 1e-6) ?? ZOOM_MIN
}

/** What the platform does itself (Electron); the browser preview does these in the page. */
export interface DisplayCapabilities {
  /** Zoom is the window's (webContents.setZoomFactor); otherwise CSS zoom on the page. */
  nativeZoom: boolean
  /** Printing is the window's (webContents.print); otherwise window.print(). */
  nativePrint: boolean
}

export interface SettingsState {
  settings: Settings
  capabilities: DisplayCapabilities
}
