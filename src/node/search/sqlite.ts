import { createRequire } from 'node:module'
// A CommonJS package: Node's ESM loader exposes it as a default export only.
import sqliteWasm from 'node-sqlite3-wasm'

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

/** One-off statements, prepared and freed around a single use. */
abstract class Connection implements SqliteDatabase {
  abstract readonly engine: SqliteDatabase['engine']
  abstract readonly isOpen: boolean
  abstract exec(sql: string): void
  abstract prepare(sql: string): Statement
  abstract close(): void
  get(sql: string, params?: unknown[]): Row | null {
    return this.once(sql, (s) => s.get(params))
  }
  all(sql: string, params?: unknown[]): Row[] {
    return this.once(sql, (s) => s.all(params))
  }
  run(sql: string, params?: unknown[]): void {
    this.once(sql, (s) => s.run(params))
  }
  private once<T>(sql: string, use: (s: Statement) => T): T {
    const s = this.prepare(sql)
    try {
      return use(s)
    } finally {
      s.finalize()
    }
  }
}

class LibsqlConnection extends Connection {
  readonly engine = 'libsql'
  private readonly db: LibsqlDatabase
  constructor(file: string, Database: LibsqlConstructor) {
    super()
    this.db = new Database(file)
  }
  get isOpen(): boolean {
    return this.db.open
  }
  exec(sql: string): void {
    this.db.exec(sql)
  }
  prepare(sql: string): Statement {
    const s = this.db.prepare(sql)
    return {
      run: (params = []) => ({ lastInsertRowid: Number(s.run(params).lastInsertRowid) }),
      get: (params = []) => s.get(params) ?? null,
      all: (params = []) => s.all(params),
      iterate: (params = []) => s.iterate(params),
      // Statements are freed with their JavaScript objects.
      finalize: () => undefined,
    }
  }
  close(): void {
    this.db.close()
  }
}

class WasmConnection extends Connection {
  readonly engine = 'wasm'
  private readonly db: InstanceType<typeof sqliteWasm.Database>
  constructor(file: string) {
    super()
    this.db = new sqliteWasm.Database(file)
  }
  get isOpen(): boolean {
    return this.db.isOpen
  }
  exec(sql: string): void {
    this.db.exec(sql)
  }
  prepare(sql: string): Statement {
    const s = this.db.prepare(sql)
    return {
      run: (params) => ({ lastInsertRowid: Number(s.run(params as never).lastInsertRowid) }),
      get: (params) => s.get(params as never) as Row | null,
      all: (params) => s.all(params as never) as Row[],
      iterate: (params) => s.iterate(params as never) as IterableIterator<Row>,
      finalize: () => s.finalize(),
    }
  }
  close(): void {
    this.db.close()
  }
}

/**
 * Opens a SQLite database file: with libsql's native SQLite where its binary is there (a first
 * build of 1,000 articles in 1.1x the time of Python's native SQLite, against 2x for the
 * WebAssembly build, which also compiles its code as it runs), else with the WebAssembly build
 * (node-sqlite3-wasm), which runs anywhere Node does. Both have FTS5 and read the same files.
 */
export function openSqlite(file: string): SqliteDatabase {
  const Libsql = loadLibsql()
  return Libsql ? new LibsqlConnection(file, Libsql) : new WasmConnection(file)
}
