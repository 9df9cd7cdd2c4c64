import { rmSync } from 'node:fs'
import type { PhraseFilter } from '@core/search/query'
import { openSqlite, type SqliteDatabase as Database, type Statement } from './sqlite'

/** What is indexed for one article. */
export interface FtsDocument {
  id: string
  textHash: string
  path: string
  title: string
  author: string
  outlet: string
  categories: string
  /** ISO date, or '' when the article has none. */
  date: string
  /** The text, as a string or as UTF-8 bytes (as the library scan hands it over). */
  body: string | Uint8Array
}

const utf8 = new TextDecoder()

/**
 * A text read as bytes (`CAST(body AS BLOB)`: a Uint8Array from the WebAssembly build, an
 * ArrayBuffer from libsql) and decoded natively: the WebAssembly binding reads a text column by
 * scanning for its end byte by byte in JavaScript (a fifth of a query).
 */
const textOf = (value: unknown): string => (value instanceof Uint8Array || value instanceof ArrayBuffer ? utf8.decode(value) : String(value ?? ''))

/** A result row as the engine uses it (bm25 is lower-is-better; the score is turned around). */
const hitOf = (r: Record<string, unknown>): { id: string; path: string; title: string; score: number; body: string } => ({
  id: String(r.id),
  path: String(r.path),
  title: String(r.title),
  score: -Number(r.score),
  body: textOf(r.body),
})

/** One annotation as the notes search sees it: its passage, the researcher's note and its tags. */
export interface NoteDocument {
  annotationId: string
  articleId: string
  highlightId: string | null
  quote: string
  note: string
  tags: string[]
}

/** Bumped when the schema or the tokenizer changes: an index of another version is rebuilt. */
const SCHEMA = '8'

/** BM25 weights of the columns title, author, outlet, categories, body: a word in the title counts most. */
export const COLUMN_WEIGHTS = [8, 2, 2, 2, 1]

/** Phrase answers kept at once (each holds a row per matching article). */
const PHRASE_ANSWERS = 16

/** Leaf pages merged per step after a bulk build: a step takes a few milliseconds, so a query waits at most that. */
const MERGE_STEP_PAGES = 64

/**
 * Bytes of new postings FTS5 holds in memory before it writes them out as a segment (its
 * 'hashsize', 1 MB by default). A first build's transactions of up to 500 articles then each
 * write one segment instead of several: measured with libsql, 1,000 articles index in 140-160 ms
 * instead of 190-215, 10,000 in 1.6 s instead of 2.0 (32 MB was no faster than 4-8).
 */
const PENDING_BYTES = 8 << 20

/** Page cache of the connection, in KiB. */
const CACHE_KIB = 16384

/**
 * How Parallax's connection to an index is set up (also used by the bench's engine-only
 * baseline). The WebAssembly build holds its file exclusively (one process owns the index: see
 * SearchEngine): its file layer takes SQLite's lock by making and removing a directory, twice per
 * statement unless held, and its cache is then not checked against the file at each statement
 * (together 2.5-4x faster queries at 1,000 articles). libsql's native locks cost nothing like
 * that, and an exclusive lock there outlives close() while a statement object is alive.
 */
export const connectionPragmas = (db: Database): string => `${db.engine === 'wasm' ? 'PRAGMA locking_mode = EXCLUSIVE; ' : ''}PRAGMA cache_size = -${CACHE_KIB};`

/** Porter stems of Unicode words, accents removed: the index's tokenizer. */
const TOKENIZER = 'porter unicode61 remove_diacritics 2'

/** A LIKE pattern holding `literal` anywhere (LIKE's own wildcards escaped). */
const likePattern = (literal: string): string => `%${literal.replace(/[\\%_]/g, '\\$&')}%`

/** SQL true when the title or the text holds each of `n` literal phrases (bound as LIKE patterns, two per phrase). */
const literalTest = (n: number): string => Array.from({ length: n }, () => `(d.title LIKE ? ESCAPE '\\' OR t.body LIKE ? ESCAPE '\\')`).join(' AND ')

/**
 * The full-text index: SQLite FTS5 (WebAssembly build, real file I/O) in one file of the
 * library's cache folder. A contentless FTS5 table holds the postings with word positions
 * (Porter stems of Unicode words, accents removed); a `docs` table maps article ids to row
 * ids with what filters need, and a `texts` table keeps the parsed text under the same row id,
 * so snippets and exact phrase checks never parse an article file again. The texts live apart
 * so that reading or renaming the small rows (ids, hashes, paths) never touches the large ones.
 */
export class FtsIndex {
  private db: Database
  /** Set when the file on disk could not be used and a new index was started. */
  readonly rebuiltBecause: string | undefined

  /** Statements prepared once: preparing one per call cost more than the insert itself. */
  private readonly statements = new Map<string, Statement>()
  /** Answers about the vocabulary and postings (matches, term ranges, typo corrections), by question; dropped whenever an article is indexed or removed. */
  private readonly answers = new Map<string, unknown>()
  private readonly knownTermAnswers = new Map<string, boolean>()
  /** Rows that passed a phrase check, by query (see verifiedRows); the oldest goes first. */
  private readonly phraseAnswers = new Map<string, { rowids: Int32Array; scores: Float64Array }>()
  /** Index terms of words (see termOf): the tokenizer never changes, so these are kept across edits. */
  private readonly termsOfWords = new Map<string, string>()
  private stemmerReady = false

  constructor(readonly file: string) {
    const opened = FtsIndex.openOrReplace(file)
    this.db = opened.db
    this.rebuiltBecause = opened.reason
  }

  private statement(sql: string): Statement {
    let s = this.statements.get(sql)
    if (!s) this.statements.set(sql, (s = this.db.prepare(sql)))
    return s
  }

  private static openOrReplace(file: string): { db: Database; reason?: string } {
    try {
      const db = openSqlite(file)
      try {
        const version = FtsIndex.prepare(db)
        if (version === SCHEMA) return { db }
        db.close()
        rmSync(file, { force: true })
        const fresh = openSqlite(file)
        FtsIndex.prepare(fresh)
        // A different version is an upgrade, not damage: rebuilt quietly.
        return { db: fresh }
      } catch (error) {
        db.close()
        throw error
      }
    } catch (error) {
      for (const f of [file, `${file}-journal`, `${file}-wal`]) rmSync(f, { force: true })
      const db = openSqlite(file)
      FtsIndex.prepare(db)
      return { db, reason: (error as Error).message }
    }
  }

  /** Creates the tables if needed; returns the schema version the file holds. */
  private static prepare(db: Database): string {
    db.exec(`
      PRAGMA journal_mode = TRUNCATE;
      PRAGMA synchronous = OFF;
      ${connectionPragmas(db)}
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS docs (
        rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, text_hash TEXT NOT NULL, path TEXT NOT NULL,
        title TEXT NOT NULL, date TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS texts (rowid INTEGER PRIMARY KEY, body TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS docs_path ON docs (path);
      CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(title, author, outlet, categories, body,
        content = '', contentless_delete = 1, tokenize = '${TOKENIZER}');
      CREATE VIRTUAL TABLE IF NOT EXISTS vocab USING fts5vocab(fts, row);
      CREATE TABLE IF NOT EXISTS note_docs (
        rowid INTEGER PRIMARY KEY, annotation_id TEXT NOT NULL, article_id TEXT NOT NULL, highlight_id TEXT,
        quote TEXT NOT NULL, note TEXT NOT NULL, tags TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS note_docs_annotation ON note_docs (annotation_id);
      CREATE VIRTUAL TABLE IF NOT EXISTS notes USING fts5(quote, note, tags, content = 'note_docs', content_rowid = 'rowid',
        tokenize = '${TOKENIZER}');
      INSERT OR IGNORE INTO meta (key, value) VALUES ('schema', '${SCHEMA}');
    `)
    // FTS5 keeps the setting in the file: written once, not at every open.
    if (db.get(`SELECT v FROM fts_config WHERE k = 'hashsize'`)?.v !== PENDING_BYTES) db.run(`INSERT INTO fts (fts, rank) VALUES ('hashsize', ${PENDING_BYTES})`)
    // A file that is not a database, or a damaged one, fails here rather than at the first query.
    db.get('SELECT count(*) AS n FROM docs')
    return String(db.get(`SELECT value FROM meta WHERE key = 'schema'`)?.value ?? '')
  }

  private forgetAnswers(): void {
    this.answers.clear()
    this.knownTermAnswers.clear()
    this.phraseAnswers.clear()
  }

  /** An answer computed from the index's vocabulary, kept until the index changes. */
  remember<T>(question: string, compute: () => T): T {
    if (this.answers.has(question)) return this.answers.get(question) as T
    const answer = compute()
    if (this.answers.size > 5000) this.answers.clear()
    this.answers.set(question, answer)
    return answer
  }

  /** Text hash and path of every indexed article, by id. */
  indexed(): Map<string, { textHash: string; path: string }> {
    const out = new Map<string, { textHash: string; path: string }>()
    for (const r of this.db.all('SELECT id, text_hash, path FROM docs')) out.set(String(r.id), { textHash: String(r.text_hash), path: String(r.path) })
    return out
  }

  hashOf(id: string): string | undefined {
    const row = this.db.get('SELECT text_hash FROM docs WHERE id = ?', [id])
    return row ? String(row.text_hash) : undefined
  }

  get size(): number {
    return Number(this.db.get('SELECT count(*) AS n FROM docs')?.n ?? 0)
  }

  /** Runs `work` in one transaction (one journal write for a whole batch of articles). */
  transaction<T>(work: () => T): T {
    this.db.exec('BEGIN')
    try {
      const result = work()
      this.db.exec('COMMIT')
      return result
    } catch (error) {
      this.db.exec('ROLLBACK')
      throw error
    }
  }

  /** Adds or replaces an article (call inside `transaction` when indexing many). */
  put(doc: FtsDocument, isNew = false): void {
    this.forgetAnswers()
    if (!isNew) this.delete(doc.id)
    const { lastInsertRowid } = this.statement('INSERT INTO docs (id, text_hash, path, title, date) VALUES (?, ?, ?, ?, ?)').run([doc.id, doc.textHash, doc.path, doc.title, doc.date])
    // The text goes in as UTF-8 bytes encoded once, natively: the WebAssembly binding encodes a
    // string character by character in JavaScript, twice per article (a sixth of a first build).
    const body = typeof doc.body === 'string' ? Buffer.from(doc.body) : doc.body
    this.statement('INSERT INTO texts (rowid, body) VALUES (?, CAST(? AS TEXT))').run([lastInsertRowid, body])
    this.statement('INSERT INTO fts (rowid, title, author, outlet, categories, body) VALUES (?, ?, ?, ?, ?, CAST(? AS TEXT))').run([
      lastInsertRowid,
      doc.title,
      doc.author,
      doc.outlet,
      doc.categories,
      body,
    ])
  }

  /** Text hash of what is indexed for a file (by path), whatever id it is under. */
  hashOfPath(path: string): string | undefined {
    const row = this.statement('SELECT text_hash FROM docs WHERE path = ?').get([path])
    return row ? String(row.text_hash) : undefined
  }

  /** Removes whatever is indexed for a file (by path). */
  deletePath(path: string): void {
    for (const r of this.statement('SELECT id FROM docs WHERE path = ?').all([path])) this.delete(String(r.id))
  }

  /**
   * Gives articles indexed by path while the library was still being scanned their ids, where
   * the text is the one the library now has; the rest stay unknown and are dropped by `sync`.
   */
  adopt(entries: Array<{ id: string; path: string; textHash: string }>, provisional: (path: string) => string): void {
    this.forgetAnswers()
    // A handful of set statements instead of three statements per article (10,000 on a first build).
    this.db.exec('CREATE TEMP TABLE IF NOT EXISTS adopting (provisional TEXT PRIMARY KEY, id TEXT NOT NULL, text_hash TEXT NOT NULL) WITHOUT ROWID; DELETE FROM adopting;')
    // One statement over a JSON array: a call into the WebAssembly engine per article cost more than the work.
    // The array goes in as UTF-8 bytes, as texts do (see put): 800 KB at 10,000 articles.
    this.db.run(`INSERT OR REPLACE INTO temp.adopting (provisional, id, text_hash) SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(CAST(? AS TEXT))`, [
      Buffer.from(JSON.stringify(entries.map((e) => [provisional(e.path), e.id, e.textHash]))),
    ])
    this.db.exec(`
      DELETE FROM temp.adopting WHERE NOT EXISTS (SELECT 1 FROM docs d WHERE d.id = adopting.provisional AND d.text_hash = adopting.text_hash);
      DELETE FROM fts WHERE rowid IN (SELECT d.rowid FROM docs d JOIN temp.adopting a ON d.id = a.id);
      DELETE FROM texts WHERE rowid IN (SELECT d.rowid FROM docs d JOIN temp.adopting a ON d.id = a.id);
      DELETE FROM docs WHERE id IN (SELECT id FROM temp.adopting);
      UPDATE docs SET id = (SELECT a.id FROM temp.adopting a WHERE a.provisional = docs.id) WHERE id IN (SELECT provisional FROM temp.adopting);
      DELETE FROM temp.adopting;
    `)
  }

  /**
   * Bulk mode for a first build: FTS5 stops merging segments after every commit (a quarter of
   * the build time). When it ends the segments are left to `mergeStep`, run after the index is
   * ready: the index answers every query correctly meanwhile, a little slower, and the merge is
   * recorded as pending so that a restart finishes it.
   */
  bulk(on: boolean): void {
    this.db.exec(`INSERT INTO fts (fts, rank) VALUES ('automerge', ${on ? 0 : 4})`)
    if (!on) this.db.run(`INSERT OR REPLACE INTO meta (key, value) VALUES ('merge', 'pending')`)
  }

  /** Whether segments left by a bulk build still wait to be merged. */
  get mergePending(): boolean {
    return this.db.get(`SELECT 1 AS x FROM meta WHERE key = 'merge'`) !== null
  }

  /**
   * Merges up to `pages` leaf pages of the segments a bulk build left (FTS5's incremental
   * 'merge'); returns false, and clears the pending mark, once there is nothing left to merge.
   */
  mergeStep(pages = MERGE_STEP_PAGES): boolean {
    const before = Number(this.db.get('SELECT total_changes() AS n')?.n)
    this.db.run(`INSERT INTO fts (fts, rank) VALUES ('merge', ?)`, [pages])
    // FTS5's own test for a merge that found nothing to do: fewer than two rows changed.
    if (Number(this.db.get('SELECT total_changes() AS n')?.n) - before >= 2) return true
    this.db.run(`DELETE FROM meta WHERE key = 'merge'`)
    return false
  }

  /** A rename or a metadata change that left the text as it was. */
  setPath(id: string, path: string): void {
    this.db.run('UPDATE docs SET path = ? WHERE id = ?', [path, id])
  }

  delete(id: string): void {
    this.forgetAnswers()
    const row = this.statement('SELECT rowid FROM docs WHERE id = ?').get([id])
    if (!row) return
    const rowid = Number(row.rowid)
    this.statement('DELETE FROM fts WHERE rowid = ?').run([rowid])
    this.statement('DELETE FROM docs WHERE rowid = ?').run([rowid])
    this.statement('DELETE FROM texts WHERE rowid = ?').run([rowid])
  }

  /** Ranked matches of an FTS5 expression (best first) and how many articles match in all. */
  search(
    match: string | undefined,
    filter: { after?: string; before?: string; ids?: string[]; exclude?: string },
    limit: number,
    /** When given, a row counts only if its title and text pass it (exact phrase checks); every candidate is checked. */
    verify?: PhraseFilter,
  ): { hits: Array<{ id: string; path: string; title: string; score: number; body: string }>; total: number } {
    const where: string[] = []
    const params: Array<string | number> = []
    if (match) {
      where.push('fts MATCH ?')
      params.push(match)
    }
    const add = (sql: string, value: string): void => {
      where.push(sql)
      params.push(value)
    }
    if (filter.after) add('d.date >= ?', filter.after)
    // A date-time on the last day is still within it.
    if (filter.before) add(`d.date <= ? AND d.date <> ''`, `${filter.before}\uffff`)
    if (filter.ids) add('d.id IN (SELECT value FROM json_each(?))', JSON.stringify(filter.ids))
    if (filter.exclude) add('d.rowid NOT IN (SELECT rowid FROM fts WHERE fts MATCH ?)', filter.exclude)
    const from = match ? 'fts JOIN docs d ON d.rowid = fts.rowid' : 'docs d'
    const withText = `${from} JOIN texts t ON t.rowid = d.rowid`
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : ''
    const score = match ? `bm25(fts, ${COLUMN_WEIGHTS.join(', ')})` : '0'
    const order = match ? 'ORDER BY score' : `ORDER BY d.date DESC`
    // Words only: FTS5 ranks and cuts to `limit` by itself, and only those rows are joined.
    if (match && where.length === 1 && !verify) {
      // bm25() itself rather than FTS5's `ORDER BY rank`: the same order, a third less time on a word most articles hold.
      const rows = this.statement(
        `SELECT d.id, d.path, d.title, CAST(t.body AS BLOB) AS body, r.score FROM (SELECT rowid, ${score} AS score FROM fts WHERE fts MATCH ? ORDER BY score LIMIT ?) r JOIN docs d ON d.rowid = r.rowid JOIN texts t ON t.rowid = r.rowid ORDER BY r.score`,
      ).all([match, limit])
      // Fewer rows than asked for are all there are: counting them again would read the postings twice.
      const total = rows.length < limit ? rows.length : Number(this.statement('SELECT count(*) AS n FROM fts WHERE fts MATCH ?').get([match])?.n ?? 0)
      return { hits: rows.map(hitOf), total }
    }
    if (verify) {
      const key = `${clause}\u0000${JSON.stringify(params)}\u0000${verify.literals.join('\u0000')}`
      let passing = this.phraseAnswers.get(key)
      if (!passing) {
        passing = this.verifiedRows(`SELECT d.rowid AS rowid, d.title, ${score} AS score, ${literalTest(verify.literals.length)} AS literal FROM ${withText} ${clause} ${order}`, params, verify)
        // A few answers only: one holds a row per matching article (up to the whole library).
        if (this.phraseAnswers.size >= PHRASE_ANSWERS) this.phraseAnswers.delete(this.phraseAnswers.keys().next().value!)
        this.phraseAnswers.set(key, passing)
      }
      const row = this.statement('SELECT d.id, d.path, d.title, CAST(t.body AS BLOB) AS body FROM docs d JOIN texts t ON t.rowid = d.rowid WHERE d.rowid = ?')
      const hits = [...passing.rowids.subarray(0, limit)].map((rowid, k) => hitOf({ ...row.get([rowid]), score: passing.scores[k] }))
      return { hits, total: passing.rowids.length }
    }
    const rows = this.db.all(`SELECT d.id, d.path, d.title, CAST(t.body AS BLOB) AS body, ${score} AS score FROM ${withText} ${clause} ${order} LIMIT ?`, [...params, limit])
    const total = rows.length < limit ? rows.length : Number(this.db.get(`SELECT count(*) AS n FROM ${from} ${clause}`, params)?.n ?? 0)
    return { hits: rows.map(hitOf), total }
  }

  /**
   * Rows of a phrase query that pass the exact check, in rank order. SQLite tests each candidate
   * for the phrases as typed (LIKE folds A–Z, as the literals are folded) without handing its
   * text over; only a text that fails that goes to JavaScript for the full check. Kept until the
   * index changes: reading a third of the library's texts for a phrase of common words is the
   * cost, and a query refined around the same phrase asks it again.
   */
  private verifiedRows(sql: string, params: Array<string | number>, verify: PhraseFilter): { rowids: Int32Array; scores: Float64Array } {
    const bodyOf = this.statement('SELECT CAST(body AS BLOB) AS body FROM texts WHERE rowid = ?')
    const rowids: number[] = []
    const scores: number[] = []
    const rows = this.db.prepare(sql)
    try {
      for (const r of rows.iterate([...verify.literals.flatMap((l) => [likePattern(l), likePattern(l)]), ...params])) {
        if (!r.literal && !verify.passes(String(r.title), textOf(bodyOf.get([Number(r.rowid)])?.body))) continue
        rowids.push(Number(r.rowid))
        scores.push(Number(r.score))
      }
    } finally {
      rows.finalize()
    }
    return { rowids: Int32Array.from(rowids), scores: Float64Array.from(scores) }
  }

  /**
   * Whether an FTS5 expression matches any article (used to test spelling and compound
   * variants). Answers are kept until the index changes: a query typed again, or grown by a
   * letter, asks the same questions.
   */
  matchesAny(match: string): boolean {
    return this.remember(`match:${match}`, () => !!this.statement('SELECT 1 AS x FROM fts WHERE fts MATCH ? LIMIT 1').get([match]))
  }

  /**
   * Index terms (Porter stems) from `from` (inclusive) to `to` (exclusive), with how many
   * articles hold each. Kept until the index changes: reading the vocabulary is the costly
   * part of a typo correction.
   */
  terms(from: string, to: string): Array<{ term: string; docs: number }> {
    return this.remember(`terms:${from}\u0000${to}`, () =>
      this.db.all('SELECT term, doc FROM vocab WHERE term >= ? AND term < ?', [from, to]).map((r) => ({ term: String(r.term), docs: Number(r.doc) })),
    )
  }

  /**
   * The index term a word becomes (its Porter stem, as the index's own tokenizer makes it): an
   * in-memory FTS5 table of the same tokenizer is handed the word and its vocabulary read back.
   */
  termOf(word: string): string {
    let term = this.termsOfWords.get(word)
    if (term === undefined) {
      if (!this.stemmerReady) {
        this.db.exec(`
          CREATE VIRTUAL TABLE IF NOT EXISTS temp.stemmer USING fts5(w, content = '', detail = none, tokenize = '${TOKENIZER}');
          CREATE VIRTUAL TABLE IF NOT EXISTS temp.stemmer_terms USING fts5vocab(temp, stemmer, row);`)
        this.stemmerReady = true
      }
      this.statement('INSERT INTO temp.stemmer (rowid, w) VALUES (1, ?)').run([word])
      term = String(this.statement('SELECT term FROM temp.stemmer_terms LIMIT 1').get()?.term ?? word)
      this.db.exec(`INSERT INTO temp.stemmer (stemmer) VALUES ('delete-all')`)
      if (this.termsOfWords.size > 20000) this.termsOfWords.clear()
      this.termsOfWords.set(word, term)
    }
    return term
  }

  /** Which of `candidates` are index terms (kept, like `matchesAny`, until the index changes). */
  knownTerms(candidates: string[]): Set<string> {
    const unknown = candidates.filter((c) => !this.knownTermAnswers.has(c))
    if (unknown.length) {
      const rows = this.db.all(`SELECT term FROM vocab WHERE term IN (${unknown.map(() => '?').join(', ')})`, unknown)
      const found = new Set(rows.map((r) => String(r.term)))
      if (this.knownTermAnswers.size > 20000) this.knownTermAnswers.clear()
      for (const c of unknown) this.knownTermAnswers.set(c, found.has(c))
    }
    return new Set(candidates.filter((c) => this.knownTermAnswers.get(c)))
  }

  /** Replaces every indexed annotation with `docs` (the first slice of a full rebuild). */
  replaceNotes(docs: NoteDocument[]): void {
    this.transaction(() => {
      this.db.exec(`DELETE FROM note_docs; INSERT INTO notes (notes) VALUES ('delete-all');`)
      for (const d of docs) this.insertNote(d)
    })
  }

  /** Replaces some annotations (by id) and removes others: a save touches only its own rows. */
  upsertNotes(docs: NoteDocument[], removedIds: string[]): void {
    this.transaction(() => {
      for (const id of [...docs.map((d) => d.annotationId), ...removedIds]) {
        for (const r of this.statement('SELECT rowid, quote, note, tags FROM note_docs WHERE annotation_id = ?').all([id]))
          this.statement(`INSERT INTO notes (notes, rowid, quote, note, tags) VALUES ('delete', ?, ?, ?, ?)`).run([Number(r.rowid), String(r.quote), String(r.note), String(r.tags)])
        this.statement('DELETE FROM note_docs WHERE annotation_id = ?').run([id])
      }
      for (const d of docs) this.insertNote(d)
    })
  }

  private insertNote(d: NoteDocument): void {
    const { lastInsertRowid } = this.statement('INSERT INTO note_docs (annotation_id, article_id, highlight_id, quote, note, tags) VALUES (?, ?, ?, ?, ?, ?)').run([
      d.annotationId,
      d.articleId,
      d.highlightId,
      d.quote,
      d.note,
      d.tags.join('\u001f'),
    ])
    this.statement('INSERT INTO notes (rowid, quote, note, tags) VALUES (?, ?, ?, ?)').run([lastInsertRowid, d.quote, d.note, d.tags.join('\u001f')])
  }

  /** Annotations whose quote, note or tags match, best first. */
  searchNotes(match: string, limit: number): NoteDocument[] {
    return this.statement(
      'SELECT d.annotation_id, d.article_id, d.highlight_id, d.quote, d.note, d.tags FROM (SELECT rowid, rank FROM notes WHERE notes MATCH ? ORDER BY rank LIMIT ?) r JOIN note_docs d ON d.rowid = r.rowid ORDER BY r.rank',
    )
      .all([match, limit])
      .map((r) => ({
        annotationId: String(r.annotation_id),
        articleId: String(r.article_id),
        highlightId: r.highlight_id === null ? null : String(r.highlight_id),
        quote: String(r.quote),
        note: String(r.note),
        tags: String(r.tags).split('\u001f').filter(Boolean),
      }))
  }

  close(): void {
    for (const s of this.statements.values()) s.finalize()
    this.statements.clear()
    if (this.db.isOpen) this.db.close()
  }
}
