/**
 * Schema versions of a shard file and the steps between them. A step takes the raw JSON of
 * version n and returns version n+1; files are migrated on read and saved in the new form on
 * the next write, so an old file is never rewritten just by opening it.
 *
 * v1 — prototype format: `{ "schemaVersion": 1, "records": [ …records… ] }` (an array)
 * v2 — `{ "schemaVersion": 2, "records": { "<id>": record } }` (keyed, so merges are by id)
 */
export const SCHEMA_VERSION = 2

type Raw = Record<string, unknown>
const STEPS: Record<number, (raw: Raw) => Raw> = {
  1: (raw) => {
    const list = Array.isArray(raw.records) ? (raw.records as Array<{ id?: unknown }>) : []
    const records: Record<string, unknown> = {}
    for (const r of list) if (r && typeof r.id === 'string') records[r.id] = r
    return { ...raw, schemaVersion: 2, records }
  },
}

/** Brings raw shard JSON up to SCHEMA_VERSION; throws for files from a newer Parallax. */
export function migrateShard(input: unknown): Raw {
  if (!input || typeof input !== 'object' || Array.isArray(input)) throw new Error('not a Parallax database file')
  let raw = input as Raw
  let version = typeof raw.schemaVersion === 'number' ? raw.schemaVersion : 1
  if (version > SCHEMA_VERSION) {
    throw new Error(`written by a newer Parallax (schema ${version}; this version reads up to ${SCHEMA_VERSION})`)
  }
  while (version < SCHEMA_VERSION) {
    const step = STEPS[version]
    if (!step) throw new Error(`no migration from schema ${version}`)
    raw = step(raw)
    version++
  }
  return raw
}
