/**
 * What a person calls a file of a MIME type ("PDF document"): shown for an attachment the sender
 * gave no name, where an invented name ("attachment-3") would read as the sender's. Types mail
 * carries most often are named; others by their top-level type ("PNG image") or the type itself.
 */
const NAMED: Readonly<Record<string, string>> = {
  'application/pdf': 'PDF document',
  'application/msword': 'Word document',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word document',
  'application/vnd.ms-excel': 'Excel spreadsheet',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel spreadsheet',
  'application/vnd.ms-powerpoint': 'PowerPoint presentation',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint presentation',
  'application/vnd.oasis.opendocument.text': 'OpenDocument text',
  'application/vnd.oasis.opendocument.spreadsheet': 'OpenDocument spreadsheet',
  'application/vnd.oasis.opendocument.presentation': 'OpenDocument presentation',
  'application/rtf': 'Rich text document',
  'application/zip': 'ZIP archive',
  'application/x-zip-compressed': 'ZIP archive',
  'application/gzip': 'Gzip archive',
  'application/x-7z-compressed': '7-Zip archive',
  'application/x-tar': 'Tar archive',
  'application/json': 'JSON file',
  'application/xml': 'XML file',
  'application/octet-stream': 'File',
  'application/pgp-signature': 'PGP signature',
  'application/pgp-keys': 'PGP key',
  'application/pgp-encrypted': 'PGP encrypted data',
  'application/pkcs7-signature': 'S/MIME signature',
  'application/x-pkcs7-signature': 'S/MIME signature',
  'application/pkcs7-mime': 'S/MIME message',
  'application/ics': 'Calendar invitation',
  'text/calendar': 'Calendar invitation',
  'text/vcard': 'Contact card',
  'text/x-vcard': 'Contact card',
  'text/plain': 'Text file',
  'text/html': 'Web page',
  'text/csv': 'CSV spreadsheet',
  'text/xml': 'XML file',
  'message/rfc822': 'Email message',
  'message/global': 'Email message',
  'message/delivery-status': 'Delivery report',
  'message/disposition-notification': 'Read receipt',
  'text/rfc822-headers': 'Email headers',
}

const KINDS: Readonly<Record<string, string>> = {
  image: 'image',
  audio: 'audio file',
  video: 'video',
  font: 'font',
  model: '3D model',
}

export function describeFileType(contentType: string): string {
  const type = contentType.split(';')[0]!.trim().toLowerCase()
  const named = NAMED[type]
  if (named) return named
  const [top = '', sub = ''] = type.split('/')
  const kind = KINDS[top]
  if (kind && sub) {
    // "image/svg+xml" is an SVG image, "image/x-icon" an ICON image.
    const short = sub
      .replace(/^(?:x-|vnd\.)/, '')
      .replace(/\+.*$/, '')
      .split('.')
      .at(-1)!
    return `${short.toUpperCase()} ${kind}`
  }
  return type || 'File'
}
