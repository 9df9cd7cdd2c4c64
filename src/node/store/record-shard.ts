import { stat } from 'node:fs/promises'
import { Low } from 'lowdb'
import type { z } from 'zod'
import { DurableJsonAdapter, isNotFound, type RecoveryNotice } from './durable-adapter'
import { applyLines, JournaledAdapter } from './journal-adapter'
import { mergeRecords, newer, type VersionedRecord } from '@core/annotations/records'
import { acquireLock } from './file-lock'

import { SCHEMA_VERSION, migrateShard } from '@core/annotations/migrations'

export interface ShardData<R> {
  schemaVersion: number
  records: Record<string, R>
  /**
   * Who the records belong to, kept in the shard itself so the shard can be relinked if the
   * registry that maps ids to files is lost (e.g. `{ articles: { <id>: { path, hash } } }`).
   */
  meta?: Record<string, unknown>
}

interface FileIdentity {
  mtimeMs: number
  size: number
  ino: number
}

/** The snapshot and its journal, as seen by stat: unchanged identities mean nothing to re-read. */
interface ShardIdentity {
  snapshot: FileIdentity | undefined
  journal: FileIdentity | undefined
}

type Decide<R, T extends R> = (records: Readonly<Record<string, R>>) => T[] | Promise<T[]>
type MetaChange = (current: Record<string, unknown> | undefined) => Record<string, unknown> | undefined

interface PendingChange<R> {
  decide: Decide<R, R>
  meta?: MetaChange
  resolve: (changes: R[]) => void
  reject: (error: unknown) => void
}

/** The journal is folded into a new snapshot once it outgrows the snapshot (or this floor). */
const COMPACT_FLOOR_BYTES = 256 * 1024

/**
 * One small lowdb file of records keyed by id. Writes are serialised per shard in this process
 * and guarded by a lock directory across processes; before each write the file is re-read if
 * another process changed it, and the two versions are merged record by record (higher
 * `version` wins, then later `updatedAt`), so two hosts on one library never clobber each other.
 */
export class RecordShard<R extends VersionedRecord> {
  private readonly db: Low<ShardData<R>>
  private readonly adapter: JournaledAdapter<R>
  private identity: ShardIdentity | undefined
  private queue: Promise<unknown> = Promise.resolve()
  private loaded = false
  private compacting = false
  private outdated = false
  private changes = 0
  private readonly pending: PendingChange<R>[] = []

  constructor(
    readonly file: string,
    schema: z.ZodType<R>,
    onRecovery: (notice: RecoveryNotice) => void,
  ) {
    const parse = (raw: unknown): ShardData<R> => {
      const migrated = migrateShard(raw)
      // A file in an older format is rewritten whole on the next save, not journaled onto.
      if ((raw as { schemaVersion?: unknown }).schemaVersion !== SCHEMA_VERSION) this.outdated = true
      const records: Record<string, R> = {}
      for (const [id, value] of Object.entries((migrated.records ?? {}) as Record<string, unknown>)) {
        const parsed = schema.parse(value)
        records[id] = parsed
      }
      const meta = (migrated as { meta?: unknown }).meta
      return { schemaVersion: SCHEMA_VERSION, records, ...(meta && typeof meta === 'object' && !Array.isArray(meta) ? { meta: meta as Record<string, unknown> } : {}) }
    }
    this.adapter = new JournaledAdapter<R>(new DurableJsonAdapter(file, { parse, onRecovery }), (raw) => schema.parse(raw), onRecovery)
    this.db = new Low(this.adapter, { schemaVersion: SCHEMA_VERSION, records: {} })
  }

  /** Records as last read or written; call `refresh()` first to see other processes' writes. */
  get records(): Record<string, R> {
    return this.db.data.records
  }

  /** Grows whenever the records in memory change, so summaries derived from them can be cached. */
  get generation(): number {
    return this.changes
  }

  get meta(): Record<string, unknown> | undefined {
    return this.db.data.meta
  }

  async load(): Promise<void> {
    this.identity = await this.fullRead()
    this.loaded = true
    this.changes++
  }

  /**
   * Reads snapshot + journal. Outside the lock another process may compact meanwhile (new
   * snapshot, empty journal); reading the old snapshot and the emptied journal would hide
   * records, so a read during which the snapshot changed is done again.
   */
  private async fullRead(): Promise<ShardIdentity> {
    for (;;) {
      const before = await this.fileIdentity()
      await this.db.read()
      const after = await this.fileIdentity()
      if (sameFile(before.snapshot, after.snapshot)) return before
    }
  }

  /**
   * Re-reads what another process saved since; resolves true when something changed. Queued
   * behind this shard's own saves: a read that overlapped a save could otherwise put the
   * older file's records back in memory after the save had put the new ones there.
   */
  refresh(): Promise<boolean> {
    const run = this.queue.then(() => this.refreshNow())
    this.queue = run.catch(() => undefined)
    return run
  }

  private async refreshNow(): Promise<boolean> {
    if (!this.loaded) {
      await this.load()
      return true
    }
    const now = await this.fileIdentity()
    const known = this.identity
    if (known && sameFile(now.snapshot, known.snapshot) && sameFile(now.journal, known.journal)) return false
    if (known && sameFile(now.snapshot, known.snapshot)) {
      // Only the journal grew: read just its new lines.
      const lines = await this.adapter.readNew()
      if (lines) {
        applyLines(this.db.data, lines)
        this.changes++
        this.identity = now
        return true
      }
    }
    const mine = this.db.data.records
    this.identity = await this.fullRead()
    this.db.data.records = mergeRecords(this.db.data.records, mine)
    this.changes++
    return true
  }

  private async fileIdentity(): Promise<ShardIdentity> {
    const [snapshot, journal] = await Promise.all([identityOf(this.file), identityOf(this.adapter.journalFile)])
    return { snapshot, journal }
  }

  /** Applies `records` (inserts or newer versions) and resolves once they are durable on disk. */
  put(records: R[], meta?: MetaChange): Promise<void> {
    // Nothing to apply (a warm start with no changes): skip the lock and the fsync'd rewrite.
    if (records.length === 0 && !meta) return this.queue.then(() => undefined)
    return this.update(() => records, meta).then(() => undefined)
  }

  /**
   * Decides and saves a change under the cross-process lock: `decide` sees the records as they
   * are on disk right now (another process's writes merged in), so a choice it makes — a new
   * id for a path, a unique name — is made once for every process. It may throw to refuse.
   * Memory changes only after the write is durable: a failed write (disk full, read-only,
   * I/O error) leaves the records exactly as they were, and the error reaches the caller.
   */
  update<T extends R>(decide: Decide<R, T>, meta?: MetaChange): Promise<T[]> {
    return new Promise<T[]>((resolve, reject) => {
      this.pending.push({ decide, meta, resolve: resolve as (changes: R[]) => void, reject })
      if (this.pending.length > 1) return
      // The first change waiting opens a batch; every change that arrives while the one before
      // is being written joins it, and the batch is saved with one lock and one fsync.
      const run = this.queue.then(() => this.saveBatch(this.pending.splice(0)))
      this.queue = run.catch(() => undefined)
    })
  }

  private async saveBatch(batch: PendingChange<R>[]): Promise<void> {
    let release: (() => Promise<void>) | undefined
    try {
      release = await acquireLock(`${this.file}.lock`)
      await this.refreshNow()
      // Each decision sees the ones before it in the batch, as if they had been saved one by one.
      const records = { ...this.db.data.records }
      let meta = this.db.data.meta
      const accepted: Array<{ change: PendingChange<R>; changes: R[] }> = []
      const written: R[] = []
      for (const change of batch) {
        try {
          const changes = await change.decide(records)
          for (const r of changes) {
            const current = records[r.id]
            if (!current || newer(r, current)) records[r.id] = r
          }
          if (change.meta) meta = change.meta(meta)
          written.push(...changes)
          accepted.push({ change, changes })
        } catch (error) {
          change.reject(error)
        }
      }
      if (written.length > 0 || meta !== this.db.data.meta) {
        const next: ShardData<R> = { schemaVersion: SCHEMA_VERSION, records, ...(meta ? { meta } : {}) }
        const snapshotBytes = this.identity?.snapshot?.size
        if (this.outdated) {
          await this.adapter.write(next)
          this.outdated = false
        } else {
          // A new shard starts as an empty snapshot plus its journal, so every record is in a journal
          // until a compaction, which keeps the folded journal beside the snapshot's backup.
          if (snapshotBytes === undefined) await this.adapter.write({ schemaVersion: SCHEMA_VERSION, records: {}, ...(this.db.data.meta ? { meta: this.db.data.meta } : {}) })
          await this.adapter.append(written, meta !== this.db.data.meta ? meta : undefined)
        }
        // Only now, durable on disk, do the changes reach memory.
        this.db.data = next
        this.changes++
        this.identity = await this.fileIdentity()
        if (this.adapter.journalBytes > Math.max(COMPACT_FLOOR_BYTES, snapshotBytes ?? 0)) this.scheduleCompaction()
      }
      for (const { change, changes } of accepted) change.resolve(changes)
    } catch (error) {
      for (const change of batch) change.reject(error)
    } finally {
      await release?.()
    }
  }

  /**
   * Folds the journal into a new snapshot, after the save that outgrew it was acknowledged; the
   * next save waits its turn in the queue. Its cost (one rewrite of the shard) is paid once
   * per journal as large as the shard, so each save's share stays constant.
   */
  private scheduleCompaction(): void {
    if (this.compacting) return
    this.compacting = true
    void this.compact().catch(() => undefined)
  }

  /** Folds the journal into a new snapshot now (after the saves queued before it). */
  compact(): Promise<void> {
    const run = this.queue.then(async () => {
      const release = await acquireLock(`${this.file}.lock`)
      try {
        await this.refreshNow()
        await this.adapter.write(this.db.data)
        this.identity = await this.fileIdentity()
      } finally {
        this.compacting = false
        await release()
      }
    })
    // A failed compaction loses nothing: the journal stays and is replayed; the next save retries.
    this.queue = run.catch(() => undefined)
    return run
  }
}

async function identityOf(file: string): Promise<FileIdentity | undefined> {
  try {
    const s = await stat(file)
    return { mtimeMs: s.mtimeMs, size: s.size, ino: s.ino }
  } catch (error) {
    if (isNotFound(error)) return undefined
    throw error
  }
}

function sameFile(a: FileIdentity | undefined, b: FileIdentity | undefined): boolean {
  return a === b || (!!a && !!b && a.mtimeMs === b.mtimeMs && a.size === b.size && a.ino === b.ino)
}
