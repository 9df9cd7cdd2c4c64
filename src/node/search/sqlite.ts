import { createRequire } from 'node:module'
import type WasmSqlite from 'node-sqlite3-wasm'

/** A result row, by column name. */
export type Row = Record<string, unknown>

/** A prepared statement: parameters are given as one array, in order. */
export interface Statement {
  run(params?: unknown[]): { lastInsertRowid: number }
  /** The first row, or null when there is none. */
  get(params?: unknown[]): Row | null
  all(params?: unknown[]): Row[]
  iterate(params?: unknown[]): IterableIterator<Row>
  finalize(): void
}

/** The part of a SQLite connection the full-text index uses, whichever engine runs it. */
export interface SqliteDatabase {
  /** Which build of SQLite this is (see openSqlite). */
  readonly engine: 'libsql' | 'wasm'
  readonly isOpen: boolean
  exec(sql: string): void
  prepare(sql: string): Statement
  get(sql: string, params?: unknown[]): Row | null
  all(sql: string, params?: unknown[]): Row[]
  run(sql: string, params?: unknown[]): void
  close(): void
}

interface LibsqlStatement {
  run(params: unknown[]): { lastInsertRowid: number | bigint }
  get(params: unknown[]): Row | undefined
  all(params: unknown[]): Row[]
  iterate(params: unknown[]): IterableIterator<Row>
}
interface LibsqlDatabase {
  readonly open: boolean
  exec(sql: string): void
  prepare(sql: string): LibsqlStatement
  close(): void
}
type LibsqlConstructor = new (file: string) => LibsqlDatabase

/**
 * libsql's SQLite (native, through Node-API: one binary serves Node and Electron alike, no
 * rebuild), loaded once; undefined where its binary is missing (a platform it has none for, or
 * a package that left it out), or when PARALLAX_SQLITE=wasm asks for the WebAssembly build.
 */
let libsql: LibsqlConstructor | undefined | null = null
function loadLibsql(): LibsqlConstructor | undefined {
  if (libsql === null) {
    try {
      libsql = process.env.PARALLAX_SQLITE === 'wasm' ? undefined : (createRequire(import.meta.url)('libsql') as LibsqlConstructor)
    } catch {
      libsql = undefined
    }
  }
  return libsql
}

/**
 * The WebAssembly build, loaded only where libsql is not used: it compiles its 1.2 MB of
 * WebAssembly when loaded, 12 ms that every search worker paid at start-up, before its first
 * article, when it was imported with the rest.
 */
let wasmSqlite: typeof WasmSqlite | undefined
const loadWasmSqlite = (): typeof WasmSqlite => (wasmSqlite ??= createRequire(import.meta.url)('node-sqlite3-wasm') as typeof WasmSqlite)

/** A connection over either engine: what differs is how it says it is open and how its statements are called. */
class Connection implements SqliteDatabase {
  constructor(
    readonly engine: SqliteDatabase['engine'],
    private readonly db: { exec(sql: string): void; close(): void },
    private readonly opened: () => boolean,
    readonly prepare: (sql: string) => Statement,
  ) {}
  get isOpen(): boolean {
    return this.opened()
  }
  exec(sql: string): void {
    this.db.exec(sql)
  }
  close(): void {
    this.db.close()
  }
  get(sql: string, params?: unknown[]): Row | null {
    return this.once(sql, (s) => s.get(params))
  }
  all(sql: string, params?: unknown[]): Row[] {
    return this.once(sql, (s) => s.all(params))
  }
  run(sql: string, params?: unknown[]): void {
    this.once(sql, (s) => s.run(params))
  }
  /** A one-off statement, prepared and freed around a single use. */
  private once<T>(sql: string, use: (s: Statement) => T): T {
    const s = this.prepare(sql)
    try {
      return use(s)
    } finally {
      s.finalize()
    }
  }
}

/** libsql takes parameters as one array too, answers undefined for no row, and frees statements with their objects. */
const libsqlStatement = (s: LibsqlStatement): Statement => ({
  run: (params = []) => ({ lastInsertRowid: Number(s.run(params).lastInsertRowid) }),
  get: (params = []) => s.get(params) ?? null,
  all: (params = []) => s.all(params),
  iterate: (params = []) => s.iterate(params),
  finalize: () => undefined,
})

type WasmStatement = ReturnType<InstanceType<typeof WasmSqlite.Database>['prepare']>
const wasmStatement = (s: WasmStatement): Statement => ({
  run: (params) => ({ lastInsertRowid: Number(s.run(params as never).lastInsertRowid) }),
  get: (params) => s.get(params as never) as Row | null,
  all: (params) => s.all(params as never) as Row[],
  iterate: (params) => s.iterate(params as never) as IterableIterator<Row>,
  finalize: () => s.finalize(),
})

/**
 * Opens a SQLite database file: with libsql's native SQLite where its binary is there (a first
 * build of 1,000 articles in 1.1x the time of Python's native SQLite, against 2x for the
 * WebAssembly build, which also compiles its code as it runs), else with the WebAssembly build
 * (node-sqlite3-wasm), which runs anywhere Node does. Both have FTS5 and read the same files.
 */
export function openSqlite(file: string): SqliteDatabase {
  const Libsql = loadLibsql()
  if (Libsql) {
    const db = new Libsql(file)
    return new Connection(
      'libsql',
      db,
      () => db.open,
      (sql) => libsqlStatement(db.prepare(sql)),
    )
  }
  const db = new (loadWasmSqlite().Database)(file)
  return new Connection(
    'wasm',
    db,
    () => db.isOpen,
    (sql) => wasmStatement(db.prepare(sql)),
  )
}
