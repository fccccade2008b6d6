import { z } from 'zod'
import type { DeliveryApi } from '../../../shared/ipc/delivery-api'
import { args, singleLine, type ArgSpecs } from './arg-spec'

/** A stored message (or one attached to it): "<row>#<part>" (core/mail/message-reader.ts). */
const messageId = z.string().regex(/^\d{1,15}(?:#[\w.-]{1,32}){0,8}$/, 'must be a message id')
/** An authserv-id is a token or a domain name (RFC 8601 §2.5). */
const authservId = z
  .string()
  .regex(/^[\w.@+-]{1,255}$/, 'must be a server name such as mx.example.com')
  .nullable()

export const DELIVERY_SCHEMAS: ArgSpecs<DeliveryApi> = {
  getDeliveryStatus: args(['headerMessageId', singleLine(998).min(1)]),
  getSentStates: args(['headerMessageIds', z.array(singleLine(998).min(1)).max(1000)]),
  getSenderCheck: args(['messageId', messageId]),
  setAuthservId: args(['accountId', singleLine(200).min(1)], ['authservId', authservId]),
}
