import type { MailApi } from '../../shared/ipc/contract'
import type { Services } from '../services'

/**
 * The MailApi implementation: a thin facade that forwards each call to a core service.
 * No logic lives here; validation happened in ipc/register.ts, behaviour lives in core.
 */
export function createMailApi(services: Services): MailApi {
  return {
    getAppInfo: () => services.appInfo.getAppInfo(),
    listAccounts: () => Promise.resolve(services.accountsService.list()),
    discoverSettings: (id, address) => services.accountsService.discover(id, address),
    cancelDiscovery: (id) => Promise.resolve(services.accountsService.cancelDiscovery(id)),
    testAccount: (draft, passwords) => services.accountsService.test(draft, passwords),
    addAccount: (draft, passwords) => services.accountsService.add(draft, passwords),
    updateAccount: (id, draft, passwords) => services.accountsService.update(id, draft, passwords),
    removeAccount: (id) => services.accountsService.remove(id),
  }
}
