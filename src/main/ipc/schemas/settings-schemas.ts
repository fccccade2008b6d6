import type { SettingsApi } from '../../../shared/ipc/settings-api'
import { settingsPatchSchema } from '../../core/settings/settings-schema'
import { args, type ArgSpecs } from './arg-spec'

export const SETTINGS_SCHEMAS: ArgSpecs<SettingsApi> = {
  getSettings: args(),
  updateSettings: args(['patch', settingsPatchSchema]),
  printWindow: args(),
}
