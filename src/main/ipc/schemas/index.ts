import type { MailApi } from '../../../shared/ipc/contract'
import type { ArgSpecs } from './arg-spec'
import { ACCOUNTS_SCHEMAS } from './accounts-schemas'
import { APP_SCHEMAS } from './app-schemas'
import { MAILBOX_SCHEMAS } from './mailbox-schemas'
import { COMPOSE_SCHEMAS, OUTBOX_SCHEMAS } from './compose-schemas'
import { SEARCH_SCHEMAS } from './search-schemas'
import { DELIVERY_SCHEMAS } from './delivery-schemas'
import { ORGANIZE_SCHEMAS } from './organize-schemas'
import { SETTINGS_SCHEMAS } from './settings-schemas'

/** Argument schemas for every MailApi method, assembled from the per-feature tables. */
export const MAIL_SCHEMAS: ArgSpecs<MailApi> = {
  ...APP_SCHEMAS,
  ...ACCOUNTS_SCHEMAS,
  ...MAILBOX_SCHEMAS,
  ...COMPOSE_SCHEMAS,
  ...OUTBOX_SCHEMAS,
  ...SEARCH_SCHEMAS,
  ...DELIVERY_SCHEMAS,
  ...ORGANIZE_SCHEMAS,
  ...SETTINGS_SCHEMAS,
}
