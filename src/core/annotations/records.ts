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
