import type { AppInfo } from '../model/app-info'
import { methodList } from './method-list'

/** Application-level calls: facts about the running app. */
export interface AppApi {
  getAppInfo(): Promise<AppInfo>
}

export const APP_METHODS = methodList<AppApi>()(['getAppInfo'])
