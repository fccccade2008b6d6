import { createHash, randomUUID } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, open, readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { AppError } from '../../../shared/errors'
import type { Pop3Client } from './pop3-client'

export interface Downloaded {
  file: string
  sha256: string
  size: number
}

/**
 * Removes what an interrupted run left behind (a download cut by a dropped connection or a killed
 * process): such files were never committed, so the next run downloads those messages again.
 */
export async function prepareTempDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 })
  for (const name of await readdir(dir)) {
    if (name.endsWith('.part')) await rm(join(dir, name), { force: true })
  }
}

/**
 * RETR n streamed to a new file in `dir` (hashing as it goes), flushed to disk before it is handed
 * to the store. The whole message is never in memory. On failure the file is removed.
 */
export async function downloadToFile(
  client: Pop3Client,
  n: number,
  dir: string,
  opts: { maxBytes: number; onBytes?: (received: number) => void | Promise<void> },
): Promise<Downloaded> {
  const file = join(dir, `${randomUUID()}.part`)
  const hash = createHash('sha256')
  let size = 0
  try {
    await pipeline(
      client.retr(n, { maxBytes: opts.maxBytes }),
      async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          hash.update(chunk)
          size += chunk.length
          yield chunk
          await opts.onBytes?.(size)
        }
      },
      createWriteStream(file, { flags: 'wx', mode: 0o600 }),
    )
    const handle = await open(file, 'r+')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
    return { file, sha256: hash.digest('hex'), size }
  } catch (err) {
    await rm(file, { force: true })
    if (err instanceof AppError) throw err
    if (client.isClosed) {
      throw new AppError('CONNECTION_FAILED', 'The POP3 connection broke during a download', { cause: err })
    }
    throw new AppError('STORAGE_FAILED', 'Could not write a downloaded message to disk', { cause: err })
  }
}
