/** The renderer's side of the command table (src/shared/commands): keys, bindings, preferences, menus. */
export { commandForEvent } from './command-keys'
export {
  DEFAULT_COMMAND_PREFS,
  getCommandPrefs,
  reloadCommandPrefs,
  setCommandPrefs,
  useCommandKeys,
  useCommandPrefs,
  type CommandPrefs,
} from './command-prefs'
export {
  bindingFor,
  commandEnabled,
  handleCommandKey,
  runCommand,
  useCommandScope,
  type CommandBinding,
  type CommandBindings,
} from './command-scope'
export { ContextMenu, menuItemsFor, type MenuItem } from './ContextMenu'
