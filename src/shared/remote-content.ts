/**
 * The name the reader gives a message frame whose remote content the person allowed. Main's
 * request gate lets https images, fonts and stylesheets through only for a subframe with this
 * name; every other frame (any message whose remote content is blocked) gets nothing from the
 * network, even if the sanitizer and the frame's CSP both missed something. A message cannot
 * rename its frame: the frame runs no script.
 */
export const REMOTE_CONTENT_FRAME_NAME = 'mailroom-remote-content-allowed'
/** The name of a message frame whose remote content is blocked. */
export const BLOCKED_CONTENT_FRAME_NAME = 'mailroom-message'
