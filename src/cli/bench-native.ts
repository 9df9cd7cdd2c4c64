import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, rmSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { connectionPragmas } from '../node/search/fts-index'
import { openSqlite } from '../node/search/sqlite'

/**
 * The baseline the search figures are measured against: native SQLite FTS5 (Python's sqlite3
 * module), building a contentless index of the same files with the same tokenizer, and
 * answering the same queries. Raw file text goes in (no parsing), so it is a lower bound.
 */
const SCRIPT = `
import json, os, sqlite3, sys, time
folder, db_file, queries = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
if os.path.exists(db_file): os.remove(db_file)
db = sqlite3.connect(db_file)
db.execute("CREATE VIRTUAL TABLE fts USING fts5(body, content='', tokenize='porter unicode61 remove_diacritics 2')")
t = time.perf_counter()
rows = []
for root, dirs, files in os.walk(folder):
    dirs[:] = [d for d in dirs if not d.startswith('.')]
    for f in files:
        with open(os.path.join(root, f), 'rb') as fh: rows.append((fh.read().decode('utf-8', 'replace'),))
with db: db.executemany('INSERT INTO fts (body) VALUES (?)', rows)
build = (time.perf_counter() - t) * 1000
out = {'buildMs': build, 'queries': {}}
for q in queries:
    times = []
    for _ in range(20):
        s = time.perf_counter()
        n = db.execute('SELECT count(*) FROM fts WHERE fts MATCH ?', (q,)).fetchone()[0]
        db.execute('SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY rank LIMIT 20', (q,)).fetchall()
        times.append((time.perf_counter() - s) * 1000)
    times.sort()
    out['queries'][q] = {'p50': times[10], 'p95': times[18], 'count': n}
print(json.dumps(out))
`

export interface NativeFts {
  buildMs: number
  queries: Record<string, { p50: number; p95: number; count: number }>
}

export function nativeFts(folder: string, dbFile: string, queries: string[]): NativeFts | undefined {
  try {
    return JSON.parse(execFileSync('python3', ['-c', SCRIPT, folder, dbFile, JSON.stringify(queries)], { encoding: 'utf8', maxBuffer: 1 << 26 })) as NativeFts
  } catch {
    return undefined
  }
}

/**
 * The same queries on the same native-built index file, run by the SQLite that Parallax uses
 * (see openSqlite) with the connection set up as Parallax sets it: how much of the gap to native
 * is the engine itself rather than Parallax's work.
 */
export function shippedOnNativeIndex(dbFile: string, queries: string[]): Record<string, { p95: number }> {
  const db = openSqlite(dbFile)
  db.exec(connectionPragmas(db))
  try {
    const out: Record<string, { p95: number }> = {}
    for (const q of queries) {
      const times: number[] = []
      for (let i = 0; i < 20; i++) {
        const s = performance.now()
        db.get('SELECT count(*) AS n FROM fts WHERE fts MATCH ?', [q])
        db.all('SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY rank LIMIT 20', [q])
        times.push(performance.now() - s)
      }
      times.sort((a, b) => a - b)
      out[q] = { p95: times[18]! }
    }
    return out
  } finally {
    db.close()
  }
}

/**
 * Native's build done by the SQLite that Parallax uses: the same raw files into the same
 * one-column contentless table, in one transaction, timed as native's build is. Run in a fresh
 * process (`parallax bench --engine-build`), its figure holds the engine's own start-up (the
 * WebAssembly build compiles its code as it first runs), which a cold start pays.
 */
export function shippedBuild(folder: string, dbFile: string): number {
  for (const f of [dbFile, `${dbFile}-journal`]) rmSync(f, { force: true })
  rmSync(`${dbFile}.lock`, { recursive: true, force: true })
  const db = openSqlite(dbFile)
  try {
    db.exec(`PRAGMA journal_mode = TRUNCATE; PRAGMA synchronous = OFF; ${connectionPragmas(db)}`)
    db.exec("CREATE VIRTUAL TABLE fts USING fts5(body, content='', tokenize='porter unicode61 remove_diacritics 2')")
    const started = performance.now()
    // The files native reads: everything outside folders whose name begins with a dot.
    const files = readdirSync(folder, { recursive: true, withFileTypes: true })
      .filter(
        (e) =>
          e.isFile() &&
          !relative(folder, e.parentPath)
            .split(sep)
            .some((part) => part.startsWith('.')),
      )
      .map((e) => join(e.parentPath, e.name))
    const insert = db.prepare('INSERT INTO fts (body) VALUES (CAST(? AS TEXT))')
    db.exec('BEGIN')
    for (const f of files) insert.run([readFileSync(f)])
    db.exec('COMMIT')
    insert.finalize()
    return performance.now() - started
  } finally {
    db.close()
  }
}

/** Files containing a phrase (case-insensitive, fixed string), as `grep -rliF` counts them. */
export function grepCount(folder: string, phrase: string): number {
  try {
    return execFileSync('grep', ['-rliF', '--exclude-dir=.parallax', phrase, folder], { encoding: 'utf8', maxBuffer: 1 << 26 })
      .split('\n')
      .filter(Boolean).length
  } catch {
    return 0
  }
}

/** A query of the bench in native FTS5 syntax: quoted words, phrases kept. */
export function toNativeQuery(q: string): string {
  return [...q.matchAll(/"([^"]+)"|(\S+)/g)].map((m) => `"${(m[1] ?? m[2])!.toLowerCase()}"`).join(' AND ')
}
