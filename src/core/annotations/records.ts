/** The fields every stored record has, which merging relies on. */
export interface VersionedRecord {
  id: string
  version: number
  updatedAt: string
}

/** Injected sources of time and identity, so tests are deterministic. */
export interface RecordContext {
  now: () => Date
  newId: () => string
  creator: string
}

type NewRecord<R> = Omit<R, 'id' | 'createdAt' | 'updatedAt' | 'version' | 'creator' | 'deleted'>

/** Stamps a new record with id, times, version 1 and creator. */
export function createRecord<R extends VersionedRecord>(ctx: RecordContext, fields: NewRecord<R>): R {
  const now = ctx.now().toISOString()
  return { ...fields, id: ctx.newId(), createdAt: now, updatedAt: now, version: 1, creator: ctx.creator, deleted: false } as unknown as R
}

/** A new version of a record with `patch` applied; the sync cursor (`version`) always grows. */
export function reviseRecord<R extends VersionedRecord>(ctx: RecordContext, record: R, patch: Partial<R>): R {
  return { ...record, ...patch, id: record.id, version: record.version + 1, updatedAt: ctx.now().toISOString() }
}

/** The newer of two versions of a record: higher version, then later update. */
export function newer(a: VersionedRecord, b: VersionedRecord): boolean {
  return a.version > b.version || (a.version === b.version && a.updatedAt >= b.updatedAt)
}

/** Two copies of a shard merged record by record, the newer version of each winning. */
export function mergeRecords<R extends VersionedRecord>(disk: Record<string, R>, mine: Record<string, R>): Record<string, R> {
  const out = { ...disk }
  for (const [id, r] of Object.entries(mine)) if (!out[id] || newer(r, out[id])) out[id] = r
  return out
}
