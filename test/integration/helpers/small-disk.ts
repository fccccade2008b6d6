/**
 * Real storage faults for tests: a small tmpfs that can be filled to the last byte, and a
 * read-only bind mount of a folder. Needs root (the test machines run the suite as root, as the
 * mail servers need). Every mount is undone by `cleanup()`, also when a test fails.
 */
import { execFileSync } from 'node:child_process'
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, statfsSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const mounted: string[] = []

function run(cmd: string, args: string[]): void {
  execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] })
}

/** True when this process may mount file systems (root); tests say why they cannot run otherwise. */
export function canMount(): boolean {
  return process.getuid?.() === 0
}

export interface SmallDisk {
  /** The mount point: put the app's data folder inside it. */
  dir: string
  /** Fills the disk with a filler file until the kernel answers ENOSPC. */
  fill(): void
  /** Deletes the filler: the disk has room again. */
  free(): void
  freeBytes(): number
}

/** Mounts a tmpfs of `megabytes` MiB at a new temp folder. */
export function smallDisk(megabytes: number): SmallDisk {
  const dir = mkdtempSync(join(tmpdir(), 'mailroom-disk-'))
  run('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m,mode=0700`, 'tmpfs', dir])
  mounted.push(dir)
  const filler = join(dir, 'filler.bin')
  return {
    dir,
    fill() {
      const fd = openSync(filler, 'a')
      const chunk = Buffer.alloc(64 * 1024, 0xaa)
      try {
        for (;;) {
          try {
            writeSync(fd, chunk)
          } catch (err) {
            if ((err as { code?: string }).code !== 'ENOSPC') throw err
            // The last partial chunk: write what still fits, byte by byte in halves.
            for (let size = chunk.length >> 1; size > 0; size >>= 1) {
              try {
                writeSync(fd, chunk, 0, size)
              } catch {
                /* does not fit: try a smaller piece */
              }
            }
            return
          }
        }
      } finally {
        closeSync(fd)
      }
    },
    free() {
      rmSync(filler, { force: true })
    },
    freeBytes() {
      const s = statfsSync(dir)
      return s.bavail * s.bsize
    },
  }
}

/** A read-only view of `source` (a bind mount remounted read-only) at a new temp folder. */
export function readOnlyView(source: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'mailroom-ro-'))
  run('mount', ['--bind', source, dir])
  mounted.push(dir)
  run('mount', ['-o', 'remount,bind,ro', dir])
  return dir
}

/** Unmounts `dir` (one of ours) and removes its mount point. */
export function unmount(dir: string): void {
  const i = mounted.indexOf(dir)
  if (i >= 0) mounted.splice(i, 1)
  run('umount', ['-l', dir])
  rmSync(dir, { recursive: true, force: true })
}

/** Undoes every mount made here, newest first. */
export function cleanup(): void {
  for (const dir of [...mounted].reverse()) {
    try {
      unmount(dir)
    } catch (err) {
      console.error(`could not unmount ${dir}`, err)
    }
  }
}

/** A folder inside a disk, created. */
export function folderIn(root: string, name: string): string {
  const dir = join(root, name)
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  return dir
}
