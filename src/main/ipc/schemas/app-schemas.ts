import { z } from 'zod'
import { PRESETS } from '../../../shared/commands/command-table'
import type { AppApi } from '../../../shared/ipc/app-api'
import { args, type ArgSpecs } from './arg-spec'

export const APP_SCHEMAS: ArgSpecs<AppApi> = {
  getAppInfo: args(),
  getAppHealth: args(),
  // The scheme is checked by the link service (isAllowedExternalUrl); here only the shape.
  openExternalLink: args(['url', z.string().min(1).max(8192)]),
  setKeyPreset: args(['preset', z.enum(PRESETS)]),
}
