import { hostname } from 'node:os'
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { Low } from 'lowdb'
import type { z } from 'zod'
import { DurableJsonAdapter, isNotFound, type RecoveryNotice } from './durable-adapter'
import { SCHEMA_VERSION, migrateShard } from './migrations'

/** The fields every stored record has, which merging relies on. */
export interface VersionedRecord {
  id: string
  version: number
  updatedAt: string
}

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

/**
 * One small lowdb file of records keyed by id. Writes are serialised per shard in this process
 * and guarded by a lock directory across processes; before each write the file is re-read if
 * another process changed it, and the two versions are merged record by record (higher
 * `version` wins, then later `updatedAt`), so two hosts on one library never clobber each other.
 */
export class RecordShard<R extends VersionedRecord> {
  private readonly db: Low<ShardData<R>>
  private identity: FileIdentity | undefined
  private queue: Promise<unknown> = Promise.resolve()
  private loaded = false

  constructor(
    readonly file: string,
    schema: z.ZodType<R>,
    onRecovery: (notice: RecoveryNotice) => void,
  ) {
    const parse = (raw: unknown): ShardData<R> => {
      const migrated = migrateShard(raw)
      const records: Record<string, R> = {}
      for (const [id, value] of Object.entries((migrated.records ?? {}) as Record<string, unknown>)) {
        const parsed = schema.parse(value)
        records[id] = parsed
      }
      const meta = (migrated as { meta?: unknown }).meta
      return { schemaVersion: SCHEMA_VERSION, records, ...(meta && typeof meta === 'object' && !Array.isArray(meta) ? { meta: meta as Record<string, unknown> } : {}) }
    }
    this.db = new Low(new DurableJsonAdapter(file, { parse, onRecovery }), { schemaVersion: SCHEMA_VERSION, records: {} })
  }

  /** Records as last read or written; call `refresh()` first to see other processes' writes. */
  get records(): Record<string, R> {
    return this.db.data.records
  }

  get meta(): Record<string, unknown> | undefined {
    return this.db.data.meta
  }

  async load(): Promise<void> {
    await this.db.read()
    this.identity = await identityOf(this.file)
    this.loaded = true
  }

  /** Re-reads the file if another process changed it; resolves true when something changed. */
  async refresh(): Promise<boolean> {
    if (!this.loaded) {
      await this.load()
      return true
    }
    const now = await identityOf(this.file)
    if (sameIdentity(now, this.identity)) return false
    const mine = this.db.data.records
    await this.db.read()
    this.db.data.records = mergeRecords(this.db.data.records, mine)
    this.identity = now
    return true
  }

  /** Applies `records` (inserts or newer versions) and resolves once they are durable on disk. */
  put(records: R[], meta?: (current: Record<string, unknown> | undefined) => Record<string, unknown> | undefined): Promise<void> {
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
  update<T extends R>(
    decide: (records: Readonly<Record<string, R>>) => T[] | Promise<T[]>,
    meta?: (current: Record<string, unknown> | undefined) => Record<string, unknown> | undefined,
  ): Promise<T[]> {
    const run = this.queue.then(() => this.locked(decide, meta))
    this.queue = run.catch(() => undefined)
    return run
  }

  private async locked<T extends R>(
    decide: (records: Readonly<Record<string, R>>) => T[] | Promise<T[]>,
    meta?: (current: Record<string, unknown> | undefined) => Record<string, unknown> | undefined,
  ): Promise<T[]> {
    const release = await acquireLock(`${this.file}.lock`)
    try {
      await this.refresh()
      const changes = await decide(this.db.data.records)
      const nextMeta = meta ? meta(this.db.data.meta) : this.db.data.meta
      if (changes.length === 0 && nextMeta === this.db.data.meta) return changes
      const records = { ...this.db.data.records }
      for (const r of changes) {
        const current = records[r.id]
        if (!current || newer(r, current)) records[r.id] = r
      }
      const next: ShardData<R> = { schemaVersion: SCHEMA_VERSION, records, ...(nextMeta ? { meta: nextMeta } : {}) }
      await this.db.adapter.write(next)
      this.db.data = next
      this.identity = await identityOf(this.file)
      return changes
    } finally {
      await release()
    }
  }
}

function newer(a: VersionedRecord, b: VersionedRecord): boolean {
  return a.version > b.version || (a.version === b.version && a.updatedAt >= b.updatedAt)
}

export function mergeRecords<R extends VersionedRecord>(disk: Record<string, R>, mine: Record<string, R>): Record<string, R> {
  const out = { ...disk }
  for (const [id, r] of Object.entries(mine)) if (!out[id] || newer(r, out[id])) out[id] = r
  return out
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

function sameIdentity(a: FileIdentity | undefined, b: FileIdentity | undefined): boolean {
  return a === b || (!!a && !!b && a.mtimeMs === b.mtimeMs && a.size === b.size && a.ino === b.ino)
}

/** A lock whose owner cannot be checked (another host, or no owner file yet) is stale after this long. */
const STALE_LOCK_MS = 5_000

/**
 * Cross-process mutual exclusion with an atomic mkdir, which works on every local file system.
 * The owner's host and pid are written inside, so a lock left by a killed process on this
 * machine is broken at once instead of after the timeout.
 */
async function acquireLock(lockDir: string): Promise<() => Promise<void>> {
  await mkdir(dirname(lockDir), { recursive: true })
  const owner = `${hostname()}:${process.pid}`
  for (let attempt = 0; ; attempt++) {
    try {
      await mkdir(lockDir)
      await writeFile(join(lockDir, 'owner'), owner)
      return async () => {
        await rm(lockDir, { recursive: true, force: true })
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      if (await isStale(lockDir)) {
        await rm(lockDir, { recursive: true, force: true })
        continue
      }
      await new Promise((r) => setTimeout(r, Math.min(50, 2 + attempt)))
    }
  }
}

async function isStale(lockDir: string): Promise<boolean> {
  const holder = await readFile(join(lockDir, 'owner'), 'utf8').catch(() => '')
  const [host, pid] = holder.split(':')
  if (host === hostname() && pid) {
    try {
      process.kill(Number(pid), 0)
      return false
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ESRCH'
    }
  }
  const s = await stat(lockDir).catch(() => undefined)
  return !!s && Date.now() - s.mtimeMs > STALE_LOCK_MS
}
