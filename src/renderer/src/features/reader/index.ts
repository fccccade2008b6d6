/** The reader feature: the three panes (folders, a list or search results, the message) and the reading pane. */
export { ReaderLayout } from './ReaderLayout'
