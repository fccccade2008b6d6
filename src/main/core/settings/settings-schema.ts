import { z } from 'zod'
import { ZOOM_MAX, ZOOM_MIN, type Settings } from '../../../shared/model/settings'

/**
 * One schema per setting: what IPC accepts (ipc/schemas/settings-schemas.ts) and what a stored
 * value must still be when read back (a value an older or newer version wrote that no longer
 * fits falls back to the default instead of reaching the renderer).
 */
export const SETTING_SCHEMAS = {
  markReadAfterSeconds: z.number().int().min(0).max(600).nullable(),
  openNextAfterDelete: z.boolean(),
  remoteContent: z.enum(['block', 'allow']),
  conversationView: z.boolean(),
  defaultFormat: z.enum(['html', 'plain']),
  replyPosition: z.enum(['above', 'below']),
  undoSendSeconds: z.number().int().min(0).max(60),
  notifyNewMail: z.boolean(),
  theme: z.enum(['system', 'light', 'dark']),
  zoom: z.number().min(ZOOM_MIN).max(ZOOM_MAX),
  shortcutPreset: z.enum(['default', 'gmail']),
} satisfies { [K in keyof Settings]: z.ZodType<Settings[K]> }

export const settingsPatchSchema = z.strictObject(SETTING_SCHEMAS).partial()

export type SettingKey = keyof Settings
export const SETTING_KEYS = Object.keys(SETTING_SCHEMAS) as SettingKey[]
