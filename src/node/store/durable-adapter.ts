import { link, readFile, rename, stat, unlink } from 'node:fs/promises'
import { writeAtomically } from '../atomic-write'
import { basename } from 'node:path'
import type { Adapter } from 'lowdb'

/** What happened when a database file could not be read, for the UI to tell the researcher. */
export interface RecoveryNotice {
  file: string
  movedTo: string
  restoredFrom: string | null
  /** When the restored copy was saved; changes after it are lost. */
  restoredAt?: Date
  /** What was wrong with the damaged file, in words. */
  problem: string
  message: string
}

export interface DurableAdapterOptions<T> {
  /** Parses and validates file content; throws on anything that is not a good database. */
  parse: (raw: unknown) => T
  onRecovery?: (notice: RecoveryNotice) => void
  /** Current time, injected for deterministic tests. */
  now?: () => Date
}

/**
 * A lowdb adapter that makes every write durable and every read recoverable.
 *
 * lowdb's own JSONFile (via steno) writes a temp file and renames it, but never fsyncs, so a
 * power cut can leave an empty file behind the rename. Here a write is:
 *   temp file → write → fsync → keep the previous version as `.bak1` (and `.bak2`) with hard
 *   links → rename over the real file → fsync the directory.
 * Only after the directory fsync does `write()` resolve, which is when the UI may say "saved".
 *
 * A file that fails to parse or validate is never overwritten: it is moved aside as
 * `<name>.corrupt-<time>` and the newest good backup is restored.
 */
export class DurableJsonAdapter<T> implements Adapter<T> {
  constructor(
    readonly file: string,
    private readonly options: DurableAdapterOptions<T>,
  ) {}

  async read(): Promise<T | null> {
    const primary = await this.tryRead(this.file)
    if (primary.ok) return primary.value
    if (primary.missing) {
      // A crash can never leave the primary missing once written (rename is atomic), but a user
      // may delete it; a backup is still better than nothing.
      const backup = await this.firstGoodBackup()
      if (!backup) return null
      await this.write(backup.value)
      this.options.onRecovery?.({
        file: this.file,
        movedTo: '',
        restoredFrom: backup.path,
        restoredAt: backup.savedAt,
        problem: 'was missing',
        message: `${basename(this.file)} was missing; restored from ${basename(backup.path)}.`,
      })
      return backup.value
    }
    const stamp = (this.options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-')
    const movedTo = `${this.file}.corrupt-${stamp}`
    await rename(this.file, movedTo)
    const backup = await this.firstGoodBackup()
    if (backup) await this.write(backup.value, false)
    this.options.onRecovery?.({
      file: this.file,
      movedTo,
      restoredFrom: backup?.path ?? null,
      restoredAt: backup?.savedAt,
      problem: `was damaged (${primary.error})`,
      message: backup
        ? `${basename(this.file)} was damaged (${primary.error}); it was kept as ${basename(movedTo)} and the last good copy was restored.`
        : `${basename(this.file)} was damaged (${primary.error}) and had no good backup; it was kept as ${basename(movedTo)} and a new one was started.`,
    })
    return backup?.value ?? null
  }

  async write(data: T, rotate = true): Promise<void> {
    await writeAtomically(this.file, (handle) => handle.writeFile(JSON.stringify(data)), { durable: true, beforeRename: rotate ? () => this.rotateBackups() : undefined })
  }

  /** file → .bak1 → .bak2 using hard links, so the primary is never absent. */
  private async rotateBackups(): Promise<void> {
    const bak1 = `${this.file}.bak1`
    const bak2 = `${this.file}.bak2`
    try {
      await rename(bak1, bak2)
    } catch (error) {
      if (!isNotFound(error)) throw error
    }
    try {
      await link(this.file, bak1)
    } catch (error) {
      if (isNotFound(error)) return
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
        await unlink(bak1)
        await link(this.file, bak1)
      } else if ((error as NodeJS.ErrnoException).code !== 'EPERM') throw error
      // EPERM: file systems without hard links (FAT, some network shares) just keep no backup.
    }
  }

  private async firstGoodBackup(): Promise<{ path: string; value: T; savedAt?: Date } | undefined> {
    for (const path of [`${this.file}.bak1`, `${this.file}.bak2`]) {
      const r = await this.tryRead(path)
      if (r.ok) return { path, value: r.value, savedAt: (await stat(path).catch(() => undefined))?.mtime }
    }
    return undefined
  }

  private async tryRead(path: string): Promise<{ ok: true; value: T } | { ok: false; missing: boolean; error: string }> {
    let text: string
    try {
      text = await readFile(path, 'utf8')
    } catch (error) {
      if (isNotFound(error)) return { ok: false, missing: true, error: 'missing' }
      throw error
    }
    try {
      if (text.trim() === '') throw new Error('the file is empty')
      return { ok: true, value: this.options.parse(JSON.parse(text)) }
    } catch (error) {
      return { ok: false, missing: false, error: error instanceof Error ? (error.message.split('\n')[0] ?? '').slice(0, 200) : 'unreadable' }
    }
  }
}

export function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException)?.code === 'ENOENT'
}
