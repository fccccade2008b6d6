/** The undo feature: the "… · Undo" toast and Ctrl/Cmd+Z (main keeps what can be undone). */
export { UndoToast } from './UndoToast'
export { actionWords, undoneWords } from './undo-words'
