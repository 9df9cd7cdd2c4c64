import MiniSearch, { type Options } from 'minisearch'

/**
 * A binary snapshot of a MiniSearch index that loads without rebuilding it.
 *
 * MiniSearch's own JSON holds every posting as an object key; loading a 10,000-article index
 * (70,000 terms, ~6 million postings) re-creates ~6 million Map entries and took 2.3 s. Here
 * each term's postings stay varint-encoded in one byte buffer until a query first touches the
 * term, so a warm start only builds the term tree and the per-document tables.
 *
 * This reaches into MiniSearch's internal fields (`_index`, `_documentIds`, …): they are the
 * library's own serialisation inputs (see its `toJSON`/`loadJS`), the version is pinned by the
 * lock file, and the round-trip unit test compares every answer with a freshly built index.
 */

/** The MiniSearch fields a snapshot reads and writes. */
interface MiniSearchInternals {
  _index: { set(term: string, data: TermData): unknown; [Symbol.iterator](): Iterator<[string, TermData]> }
  _documentIds: Map<number, string>
  _fieldLength: Map<number, number[]>
  _storedFields: Map<number, Record<string, unknown>>
  _avgFieldLength: number[]
  _fieldIds: Record<string, number>
  _nextId: number
  _documentCount: number
}

/** One term's postings: field id → (document short id → term frequency). */
type TermData = Map<number, Map<number, number>>

const MAGIC = 0x49584c50 // "PLXI"
const FORMAT = 1

interface SnapshotHeader {
  extra: unknown
  documentCount: number
  nextId: number
  fieldIds: Record<string, number>
  averageFieldLength: number[]
  documentIds: Array<[number, string]>
  fieldLength: Array<[number, number[]]>
  storedFields: Array<[number, Record<string, unknown>]>
  terms: string[]
}

/**
 * A term's postings, decoded on first use. MiniSearch only ever calls Map methods on them,
 * so a Map subclass that fills itself lazily is indistinguishable from a plain Map.
 */
class LazyTermData extends Map<number, Map<number, number>> {
  private encoded: Uint8Array | undefined

  constructor(encoded: Uint8Array) {
    super()
    this.encoded = encoded
  }

  /** The still-encoded bytes, or undefined once decoded (and possibly changed). */
  raw(): Uint8Array | undefined {
    return this.encoded
  }

  private load(): void {
    const bytes = this.encoded
    if (!bytes) return
    this.encoded = undefined
    forEachPosting(bytes, (fieldId, docId, freq) => {
      let field = super.get(fieldId)
      if (!field) super.set(fieldId, (field = new Map()))
      field.set(docId, freq)
    })
  }

  override get(key: number): Map<number, number> | undefined {
    this.load()
    return super.get(key)
  }
  override has(key: number): boolean {
    this.load()
    return super.has(key)
  }
  override set(key: number, value: Map<number, number>): this {
    this.load()
    return super.set(key, value)
  }
  override delete(key: number): boolean {
    this.load()
    return super.delete(key)
  }
  override clear(): void {
    this.encoded = undefined
    super.clear()
  }
  override forEach(fn: (value: Map<number, number>, key: number, map: Map<number, Map<number, number>>) => void, thisArg?: unknown): void {
    this.load()
    super.forEach(fn, thisArg)
  }
  override keys(): MapIterator<number> {
    this.load()
    return super.keys()
  }
  override values(): MapIterator<Map<number, number>> {
    this.load()
    return super.values()
  }
  override entries(): MapIterator<[number, Map<number, number>]> {
    this.load()
    return super.entries()
  }
  override [Symbol.iterator](): MapIterator<[number, Map<number, number>]> {
    return this.entries()
  }
}
// `size` is an accessor on Map.prototype; TypeScript models it as a property, so define it here.
const mapSize = Object.getOwnPropertyDescriptor(Map.prototype, 'size')!.get!
Object.defineProperty(LazyTermData.prototype, 'size', {
  get(this: LazyTermData) {
    ;(this as unknown as { load(): void }).load()
    return mapSize.call(this) as number
  },
})

/** Term postings bytes: [fieldCount, then per field: fieldId, count, count × (docId delta, freq)], all varints. */
function forEachPosting(bytes: Uint8Array, fn: (fieldId: number, docId: number, freq: number) => void): void {
  let at = 0
  const next = (): number => {
    let value = 0
    let shift = 0
    let byte: number
    do {
      // Past the end reads as 0, which ends the varint: a truncated pool cannot loop for ever.
      byte = bytes[at++] ?? 0
      value += (byte & 0x7f) * 2 ** shift
      shift += 7
    } while (byte & 0x80)
    return value
  }
  for (let fields = next(); fields > 0; fields--) {
    const fieldId = next()
    let docId = 0
    for (let count = next(); count > 0; count--) {
      docId += next()
      fn(fieldId, docId, next())
    }
  }
}

/** A growable byte buffer for varints. */
class ByteWriter {
  private buf = new Uint8Array(1 << 16)
  length = 0

  varint(value: number): void {
    if (this.length + 10 > this.buf.length) {
      const bigger = new Uint8Array(this.buf.length * 2)
      bigger.set(this.buf.subarray(0, this.length))
      this.buf = bigger
    }
    while (value >= 0x80) {
      this.buf[this.length++] = (value % 0x80) | 0x80
      value = Math.floor(value / 0x80)
    }
    this.buf[this.length++] = value
  }

  bytes(): Uint8Array {
    return this.buf.subarray(0, this.length)
  }
}

/**
 * Encodes `mini` (and the caller's `extra` JSON) as snapshot parts to write in order. A
 * generator that pauses every `termsPerStep` terms, so a host can keep answering queries while
 * a large index is encoded: `for (const _ of gen) await yieldToLoop()` until it returns.
 * Postings of removed documents are dropped, so a saved index is also a vacuumed one.
 */
export function* encodeSnapshot(mini: MiniSearch<never>, extra: unknown, termsPerStep = 2000): Generator<void, Uint8Array[]> {
  const m = mini as unknown as MiniSearchInternals
  // Everything is captured before the first pause, so the snapshot is of one moment even if
  // the host changes the index while it is encoded (the host also holds back edits meanwhile).
  const entries = [...m._index]
  const live = new Map(m._documentIds)
  const header: Omit<SnapshotHeader, 'terms'> = {
    extra,
    documentCount: m._documentCount,
    nextId: m._nextId,
    fieldIds: { ...m._fieldIds },
    averageFieldLength: [...m._avgFieldLength],
    documentIds: [...live],
    fieldLength: [...m._fieldLength].map(([id, lengths]) => [id, [...lengths]]),
    storedFields: [...m._storedFields],
  }
  const postings = new ByteWriter()
  const offsets: number[] = [0]
  const terms: string[] = []
  const fields: Array<[number, Array<[number, number]>]> = []
  let sinceStep = 0
  for (const [term, data] of entries) {
    fields.length = 0
    const collect = (fieldId: number, docId: number, freq: number): void => {
      if (!live.has(docId)) return
      const last = fields[fields.length - 1]
      if (last && last[0] === fieldId) last[1].push([docId, freq])
      else fields.push([fieldId, [[docId, freq]]])
    }
    const raw = data instanceof LazyTermData ? data.raw() : undefined
    if (raw) forEachPosting(raw, collect)
    else for (const [fieldId, docs] of data) for (const [docId, freq] of docs) collect(fieldId, docId, freq)
    if (fields.length === 0) continue
    postings.varint(fields.length)
    for (const [fieldId, docs] of fields) {
      docs.sort((a, b) => a[0] - b[0])
      postings.varint(fieldId)
      postings.varint(docs.length)
      let previous = 0
      for (const [docId, freq] of docs) {
        postings.varint(docId - previous)
        postings.varint(freq)
        previous = docId
      }
    }
    terms.push(term)
    offsets.push(postings.length)
    if (++sinceStep >= termsPerStep) {
      sinceStep = 0
      yield
    }
  }
  const headerBytes = new TextEncoder().encode(JSON.stringify({ ...header, terms }))
  const head = new DataView(new ArrayBuffer(12))
  head.setUint32(0, MAGIC, true)
  head.setUint32(4, FORMAT, true)
  head.setUint32(8, headerBytes.length, true)
  return [new Uint8Array(head.buffer), headerBytes, new Uint8Array(Uint32Array.from(offsets).buffer), postings.bytes()]
}

/**
 * Terms whose postings take at least this many bytes are decoded in the background after a
 * load: ~1,600 of 70,000 terms but 44 % of all postings. Left to the first query or edit that
 * touches them, they made the first re-index after a warm start take 180–320 ms instead of 7.
 */
const WARM_MIN_BYTES = 1000

/** Loads a snapshot written by `encodeSnapshot`; throws on anything else (the caller rebuilds). */
export function decodeSnapshot<T>(file: Uint8Array, options: Options<T>, warmMinBytes = WARM_MIN_BYTES): { mini: MiniSearch<T>; extra: unknown; warmUp: (budgetMs: number) => boolean } {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength)
  if (file.byteLength < 12 || view.getUint32(0, true) !== MAGIC || view.getUint32(4, true) !== FORMAT) throw new Error('not a Parallax index snapshot')
  const headerLength = view.getUint32(8, true)
  const header = JSON.parse(new TextDecoder().decode(file.subarray(12, 12 + headerLength))) as SnapshotHeader
  const offsetsAt = 12 + headerLength
  const termCount = header.terms.length
  const postingsAt = offsetsAt + (termCount + 1) * 4
  // Read through the DataView: a Node Buffer may sit unaligned inside a shared pool.
  const offsetAt = (i: number): number => view.getUint32(offsetsAt + i * 4, true)
  if (postingsAt > file.byteLength || offsetAt(termCount) !== file.byteLength - postingsAt) throw new Error('index snapshot is truncated')
  const postings = file.subarray(postingsAt)

  const mini = MiniSearch.loadJS<T>(
    {
      index: [],
      documentCount: header.documentCount,
      nextId: header.nextId,
      fieldIds: header.fieldIds,
      averageFieldLength: header.averageFieldLength,
      dirtCount: 0,
      documentIds: Object.fromEntries(header.documentIds),
      fieldLength: Object.fromEntries(header.fieldLength),
      storedFields: Object.fromEntries(header.storedFields),
      serializationVersion: 2,
    } as never,
    options,
  )
  const index = (mini as unknown as MiniSearchInternals)._index
  const common: LazyTermData[] = []
  for (let i = 0, from = 0; i < termCount; i++) {
    const to = offsetAt(i + 1)
    const data = new LazyTermData(postings.subarray(from, to))
    index.set(header.terms[i] ?? '', data)
    if (to - from >= warmMinBytes) common.push(data)
    from = to
  }
  // Biggest first: they cost a first query or edit the most.
  common.sort((a, b) => b.raw()!.length - a.raw()!.length)
  let next = 0
  /** Decodes common terms for up to `budgetMs`; false once all are done. */
  const warmUp = (budgetMs: number): boolean => {
    const until = performance.now() + budgetMs
    for (let term = common[next]; term && performance.now() < until; term = common[++next]) void term.size
    return next < common.length
  }
  return { mini, extra: header.extra, warmUp }
}
