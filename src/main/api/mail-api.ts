import type { MailApi } from '../../shared/ipc/contract'
import type { Services } from '../services'

/**
 * The MailApi implementation: a thin facade that forwards each call to a core service.
 * No logic lives here; validation happened in ipc/register.ts, behaviour lives in core.
 */
export function createMailApi(services: Services): MailApi {
  return {
    getAppInfo: () => services.appInfo.getAppInfo(),
    listAccounts: () => Promise.resolve(services.accounts.list()),
  }
}
