import { open, readFile, rename, stat, truncate, type FileHandle } from 'node:fs/promises'
import { basename, dirname } from 'node:path'
import type { Adapter } from 'lowdb'
import { fsyncDirectory } from '../atomic-write'
import { isNotFound, type DurableJsonAdapter, type RecoveryNotice } from './durable-adapter'
import { SCHEMA_VERSION } from '@core/annotations/migrations'

/** One line of a journal: a record, or new shard meta. */
type JournalLine<R> = { r: R } | { m: Record<string, unknown> }

export interface JournalData<R> {
  schemaVersion: number
  records: Record<string, R>
  meta?: Record<string, unknown>
}

/** Where a reader left a journal: new lines are read from `offset` while the file is the same one. */
export interface JournalPosition {
  ino: number
  offset: number
}

/**
 * A lowdb adapter for a shard kept as a snapshot plus an append-only journal beside it
 * (`<file>.journal`, one JSON line per saved record). A save appends its lines and fdatasyncs:
 * its cost is the size of the change, not of the article's 2,000 other highlights. `write()`
 * is the compaction: a full durable snapshot (DurableJsonAdapter: temp, fsync, backups,
 * rename), then an empty journal. Replaying a journal onto a snapshot that already holds its
 * records changes nothing (higher version wins), so a crash between the two steps is safe.
 *
 * A line cut short by a crash was never acknowledged and is ignored; a failed append is cut
 * back off the file so the next line does not join a torn one.
 */
export class JournaledAdapter<R extends { id: string; version: number; updatedAt: string }> implements Adapter<JournalData<R>> {
  readonly journalFile: string
  /** Bytes of complete lines read or written; the position the next tail read starts at. */
  position: JournalPosition | undefined

  constructor(
    private readonly snapshot: DurableJsonAdapter<JournalData<R>>,
    private readonly parseRecord: (raw: unknown) => R,
    private readonly onRecovery?: (notice: RecoveryNotice) => void,
  ) {
    this.journalFile = `${snapshot.file}.journal`
  }

  async read(): Promise<JournalData<R> | null> {
    const base = await this.snapshot.read()
    // The journal folded into the newest snapshot is kept: if that snapshot is damaged and the
    // one before it is restored, replaying both journals loses nothing. On a good snapshot its
    // lines are older versions and change nothing.
    const folded = await this.readLines(this.foldedFile)
    const tail = await this.readJournal(undefined)
    if (!base && tail.lines.length === 0 && folded.length === 0) return null
    const data: JournalData<R> = base ?? { schemaVersion: SCHEMA_VERSION, records: {} }
    applyLines(data, folded)
    applyLines(data, tail.lines)
    return data
  }

  get foldedFile(): string {
    return `${this.journalFile}.bak1`
  }

  private async readLines(file: string): Promise<JournalLine<R>[]> {
    const text = await readFile(file, 'utf8').catch((error: unknown) => {
      if (isNotFound(error)) return ''
      throw error
    })
    const lines: JournalLine<R>[] = []
    for (const line of text.slice(0, text.lastIndexOf('\n') + 1).split('\n')) {
      const parsed = this.parseLine(line)
      if (parsed) lines.push(parsed)
    }
    return lines
  }

  private parseLine(text: string): JournalLine<R> | undefined {
    if (!text) return undefined
    try {
      const raw = JSON.parse(text) as { r?: unknown; m?: unknown }
      if (raw.r !== undefined) return { r: this.parseRecord(raw.r) }
      if (raw.m && typeof raw.m === 'object') return { m: raw.m as Record<string, unknown> }
    } catch {
      // a damaged line: skipped (counted by the caller where it matters)
    }
    return undefined
  }

  /** Lines appended since `position` by another process, or undefined when a full read is needed. */
  async readNew(): Promise<JournalLine<R>[] | undefined> {
    const before = this.position
    if (!before) return undefined
    const s = await stat(this.journalFile).catch(() => undefined)
    if (!s || s.ino !== before.ino || s.size < before.offset) return undefined
    return (await this.readJournal(before)).lines
  }

  /** Compaction: the whole shard as a durable snapshot; the folded journal is kept as `.bak1`. */
  async write(data: JournalData<R>): Promise<void> {
    await this.snapshot.write(data)
    try {
      await rename(this.journalFile, this.foldedFile)
    } catch (error) {
      if (!isNotFound(error)) throw error
    }
    this.position = undefined
  }

  /**
   * Appends records (and meta) durably; resolves after fdatasync, when the save may be
   * acknowledged. Only under the shard's lock, after a refresh.
   */
  async append(records: R[], meta: Record<string, unknown> | undefined): Promise<void> {
    const lines: JournalLine<R>[] = records.map((r) => ({ r }))
    if (meta) lines.push({ m: meta })
    const text = lines.map((l) => JSON.stringify(l)).join('\n') + '\n'
    const handle = await open(this.journalFile, 'a+')
    let created = false
    try {
      const s = await handle.stat()
      created = s.size === 0
      // Appends happen under the shard's lock, so bytes after the last newline are a line whose
      // writer died mid-write: cut them off, or the next line would be joined to them and lost.
      const end = await wholeLinesEnd(handle, s.size)
      if (end < s.size) await handle.truncate(end)
      try {
        // A single write() may write part of the buffer on a nearly full disk without an error.
        const bytes = Buffer.from(text)
        for (let done = 0; done < bytes.length;) {
          const { bytesWritten } = await handle.write(bytes, done, bytes.length - done, null)
          if (bytesWritten === 0) throw Object.assign(new Error('no space left on device, write'), { code: 'ENOSPC' })
          done += bytesWritten
        }
        await handle.datasync()
      } catch (error) {
        // Cut a partial line back off, so the journal stays a list of whole lines.
        await handle.truncate(end).catch(() => truncate(this.journalFile, end).catch(() => undefined))
        throw error
      }
      // Called under the shard's lock right after a refresh, so every line before `end` is in memory.
      this.position = { ino: s.ino, offset: end + Buffer.byteLength(text) }
    } finally {
      await handle.close()
    }
    // A new journal's directory entry must reach the disk too.
    if (created) await fsyncDirectory(dirname(this.journalFile))
  }

  /** Size of the journal as last read or written, to decide when to compact. */
  get journalBytes(): number {
    return this.position?.offset ?? 0
  }

  private async readJournal(from: JournalPosition | undefined): Promise<{ lines: JournalLine<R>[] }> {
    let handle
    try {
      handle = await open(this.journalFile, 'r')
    } catch (error) {
      if (isNotFound(error)) {
        this.position = { ino: 0, offset: 0 }
        return { lines: [] }
      }
      throw error
    }
    try {
      const s = await handle.stat()
      const offset = from && from.ino === s.ino ? from.offset : 0
      const length = s.size - offset
      const buffer = Buffer.alloc(Math.max(0, length))
      if (length > 0) await handle.read(buffer, 0, length, offset)
      const end = buffer.lastIndexOf(0x0a) + 1
      const lines: JournalLine<R>[] = []
      let damaged = 0
      for (const text of buffer.subarray(0, end).toString('utf8').split('\n')) {
        if (!text) continue
        const line = this.parseLine(text)
        if (line) lines.push(line)
        else damaged++
      }
      if (damaged > 0) {
        this.onRecovery?.({
          file: this.snapshot.file,
          movedTo: '',
          restoredFrom: null,
          problem: `had ${damaged} damaged journal line${damaged === 1 ? '' : 's'}`,
          message: `${basename(this.journalFile)} had ${damaged} damaged line${damaged === 1 ? '' : 's'}, which ${damaged === 1 ? 'was' : 'were'} skipped.`,
        })
      }
      // Bytes after the last newline are a line still being written (or cut by a crash): read them next time.
      this.position = { ino: s.ino, offset: offset + end }
      return { lines }
    } finally {
      await handle.close()
    }
  }
}

/** The offset just after the last newline of a file of `size` bytes (0 if it has none). */
async function wholeLinesEnd(handle: FileHandle, size: number): Promise<number> {
  const chunk = Buffer.alloc(64 * 1024)
  for (let end = size; end > 0;) {
    const start = Math.max(0, end - chunk.length)
    const { bytesRead } = await handle.read(chunk, 0, end - start, start)
    const at = chunk.subarray(0, bytesRead).lastIndexOf(0x0a)
    if (at >= 0) return start + at + 1
    end = start
  }
  return 0
}

/** Replays journal lines onto shard data: a record replaces an older version of itself. */
export function applyLines<R extends { id: string; version: number; updatedAt: string }>(data: JournalData<R>, lines: JournalLine<R>[]): void {
  for (const line of lines) {
    if ('m' in line) data.meta = line.m
    else {
      const current = data.records[line.r.id]
      if (!current || line.r.version > current.version || (line.r.version === current.version && line.r.updatedAt >= current.updatedAt)) data.records[line.r.id] = line.r
    }
  }
}
