import type { OrganizeApi } from '../../../shared/ipc/organize-api'
import { z } from 'zod'
import { args, type ArgSpecs } from './arg-spec'

const rowId = z.string().regex(/^\d{1,15}$/, 'must be a mailbox or message id')
const messageIds = z.array(rowId).min(1).max(10_000)

export const ORGANIZE_SCHEMAS: ArgSpecs<OrganizeApi> = {
  undoLast: args(),
  restoreMessages: args(['messageIds', messageIds]),
}
