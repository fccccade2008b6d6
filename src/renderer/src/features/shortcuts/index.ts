/** The shortcuts feature: the `?` sheet listing every key of the command table. */
export { ShortcutSheet } from './ShortcutSheet'
