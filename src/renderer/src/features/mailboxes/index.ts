/** The mailboxes feature: the folder tree of every account, unread counts, new-mail notices. */
export { findInbox } from './mailbox-tree'
export { MailboxTree, mailboxLabel } from './MailboxTree'
export { useMailboxes, type AccountMailboxes, type MailboxesState } from './use-mailboxes'
export { unreadInInboxes, useNewMailNotifications, useUnreadTitle } from './use-new-mail'
export { FolderPicker } from './FolderPicker'
export { accountBadges, type AccountBadge } from './account-badges'
export { UNIFIED_NAMES, unifiedMailbox } from './UnifiedTree'
