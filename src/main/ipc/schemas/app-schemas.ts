import type { AppApi } from '../../../shared/ipc/app-api'
import { args, type ArgSpecs } from './arg-spec'

export const APP_SCHEMAS: ArgSpecs<AppApi> = {
  getAppInfo: args(),
}
