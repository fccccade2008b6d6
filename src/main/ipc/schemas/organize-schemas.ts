import type { OrganizeApi } from '../../../shared/ipc/organize-api'
import { args, type ArgSpecs } from './arg-spec'

export const ORGANIZE_SCHEMAS: ArgSpecs<OrganizeApi> = {
  undoLast: args(),
}
