/** The message-list feature: the virtualized list of a folder, its rows, keys and formatting. */
export {
  addressFull,
  addressLabel,
  byteSize,
  longDate,
  recipientsLabel,
  sendersLabel,
  shortDate,
  showsRecipients,
} from './format'
export { listKeyTarget } from './list-keys'
export { ListControls } from './ListControls'
export { isDefaultView } from './list-view-store'
export { useListView } from './use-list-view'
export { MessageList } from './MessageList'
export { MessageRow, rowDomId, type RowAccount } from './MessageRow'
export { useMessagePages, type MessagePages } from './use-message-pages'
export { useSelection, type ListSelection, type SelectionSource } from './use-selection'
