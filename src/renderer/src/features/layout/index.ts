/** The layout feature: resizable panes, the narrow-window layout, printing. */
export { Splitter } from './Splitter'
export { usePaneSizes, PANE_LIMITS } from './pane-sizes'
export { printMessage } from './print-message'
import './layout.css'
export { usePaneKeys } from './use-pane-keys'
