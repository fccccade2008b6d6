import { z } from 'zod'
import type { SearchApi } from '../../../shared/ipc/search-api'
import { MAX_QUERY_LENGTH } from '../../core/search/search-query'
import { args, singleLine, type ArgSpecs } from './arg-spec'

const searchArgs = () =>
  args(
    ['query', z.string().max(MAX_QUERY_LENGTH)],
    [
      'options',
      z.strictObject({
        accountId: singleLine(200).min(1).optional(),
        limit: z.number().int().min(1).max(1000).optional(),
      }),
    ],
  )

export const SEARCH_SCHEMAS: ArgSpecs<SearchApi> = {
  searchMessages: searchArgs(),
  searchServer: searchArgs(),
  getOfflineBodies: args(['accountId', singleLine(200).min(1)]),
  setOfflineBodies: args(
    ['accountId', singleLine(200).min(1)],
    ['policy', z.union([z.literal('all'), z.strictObject({ days: z.number().int().min(1).max(36_500) })])],
  ),
}
