import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { openSqlite } from '../sqlite'

it('uses libsql’s native SQLite where its binary is installed, and the WebAssembly build when asked to; both have FTS5', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parallax-sqlite-'))
  try {
    const db = openSqlite(join(dir, 'index.sqlite'))
    expect(db.engine).toBe(process.env.PARALLAX_SQLITE === 'wasm' ? 'wasm' : 'libsql')
    db.exec(`CREATE VIRTUAL TABLE fts USING fts5(body, content = '', contentless_delete = 1, tokenize = 'porter unicode61 remove_diacritics 2')`)
    const { lastInsertRowid } = db.prepare('INSERT INTO fts (body) VALUES (CAST(? AS TEXT))').run([Buffer.from('Co-operation on grain exports')])
    expect(lastInsertRowid).toBe(1)
    expect(db.get('SELECT rowid FROM fts WHERE fts MATCH ?', ['export'])).toMatchObject({ rowid: 1 })
    expect(db.get('SELECT rowid FROM fts WHERE fts MATCH ?', ['wheat'])).toBeNull()
    db.close()
    expect(db.isOpen).toBe(false)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
