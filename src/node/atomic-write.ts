import { constants } from 'node:fs'
import { mkdir, open, rename, unlink, type FileHandle } from 'node:fs/promises'
import { dirname } from 'node:path'

let tmpCounter = 0

/** Temp files are `<file>.tmp-<pid>-<n>`; the pid says whether their writer may still be running. */
export const TEMP_FILE = /\.tmp-(\d+)-\d+$/

export interface AtomicWriteOptions {
  /** fsync the file before the rename and the folder after it: the write survives a power cut. */
  durable?: boolean
  /** Runs between the complete temp file and the rename (e.g. keeping the old file as a backup). */
  beforeRename?: () => Promise<void>
}

/**
 * Replaces `file` all at once: the content is written to a temp file beside it, then renamed
 * over it, so a reader (or a crash) sees the old file or the new one, never half of one. A
 * failed write removes its temp file.
 */
export async function writeAtomically(file: string, write: (handle: FileHandle) => Promise<void>, options: AtomicWriteOptions = {}): Promise<void> {
  const dir = dirname(file)
  await mkdir(dir, { recursive: true })
  const tmp = `${file}.tmp-${process.pid}-${++tmpCounter}`
  try {
    const handle = await open(tmp, 'w')
    try {
      await write(handle)
      if (options.durable) await handle.sync()
    } finally {
      await handle.close()
    }
    await options.beforeRename?.()
    await rename(tmp, file)
  } catch (error) {
    await unlink(tmp).catch(() => undefined)
    throw error
  }
  if (options.durable) await fsyncDirectory(dir)
}

/** Makes a rename durable: the directory entry itself must reach the disk. */
export async function fsyncDirectory(dir: string): Promise<void> {
  // Windows cannot open directories; NTFS journals renames, so skipping is acceptable there.
  if (process.platform === 'win32') return
  const handle = await open(dir, constants.O_RDONLY)
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}
