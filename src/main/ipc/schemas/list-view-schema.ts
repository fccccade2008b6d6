import { z } from 'zod'
import { LIST_FILTERS, LIST_SORT_KEYS } from '../../../shared/model/list-view'

/** A list's sort and quick filters (shared/model/list-view.ts); each filter at most once. */
export const listViewSchema = z.strictObject({
  sort: z.enum(LIST_SORT_KEYS),
  descending: z.boolean(),
  filters: z
    .array(z.enum(LIST_FILTERS))
    .max(LIST_FILTERS.length)
    .refine((f) => new Set(f).size === f.length, { message: 'must name each filter once' }),
})
