import type { DraftAttachment } from '../../../../shared/model/compose'

/**
 * About how big the message will be on the wire: attachments grow by a third in base64 (RFC 2045
 * §6.8), plus the body and headers. Used to warn before the server refuses it for its SIZE.
 */
export function estimatedSize(bodyLength: number, attachments: readonly DraftAttachment[]): number {
  const files = attachments.reduce((sum, a) => sum + Math.ceil(a.size / 3) * 4 + 300, 0)
  return files + bodyLength * 2 + 2000
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`
  return `${(n / 1024 / 1024).toFixed(1)} MB`
}

export function sizeWarning(size: number, maxSize: number | null): string | null {
  if (maxSize === null || size <= maxSize) return null
  return `This message is about ${formatBytes(size)}; the server accepts at most ${formatBytes(maxSize)}.`
}
