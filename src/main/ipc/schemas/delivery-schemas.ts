import type { DeliveryApi } from '../../../shared/ipc/delivery-api'
import { args, singleLine, type ArgSpecs } from './arg-spec'

export const DELIVERY_SCHEMAS: ArgSpecs<DeliveryApi> = {
  getDeliveryStatus: args(['headerMessageId', singleLine(998).min(1)]),
}
