import type { Annotation } from '@core/annotations/model'
import type { NoteDocument } from '../node/search/search-engine'
import type { Workspace } from './workspace'

const articleOf = (a: Exclude<Annotation, { kind: 'comparison' }>): string => (a.kind === 'highlight' ? a.target.articleId : a.kind === 'link' ? a.source.articleId : a.articleId)

/** An annotation as the notes search indexes it: quote (a link's two passages), note, tag names. */
function noteDocumentOf(a: Exclude<Annotation, { kind: 'comparison' }>, tags: Map<string, string>): NoteDocument {
  return {
    annotationId: a.id,
    articleId: articleOf(a),
    highlightId: a.kind === 'highlight' ? a.id : null,
    quote: a.kind === 'highlight' ? a.target.quote.exact : a.kind === 'link' ? `${a.source.quote.exact} ↔ ${a.target.quote.exact}` : '',
    note: a.note,
    tags: a.tagIds.map((t) => tags.get(t)).filter((n): n is string => !!n),
  }
}

const tagNames = (ws: Workspace): Map<string, string> => new Map(ws.store.liveTags().map((t) => [t.id, t.name]))

/** Every live annotation of the library as the notes search indexes it. */
export function noteDocumentsOf(ws: Workspace): NoteDocument[] {
  const tags = tagNames(ws)
  return [...ws.store.allAnnotations()].flatMap((a) => (a.kind === 'comparison' ? [] : [noteDocumentOf(a, tags)]))
}

/** How long a burst of annotation changes is gathered before the notes index is updated. */
const COALESCE_MS = 150
/** Annotations per transaction when the whole notes index is rebuilt. */
const REBUILD_SLICE = 2000

/**
 * Keeps the annotations in the full-text index in step with the store: all of them once the
 * article index is built (and again when a tag is renamed or removed), then each annotation as
 * it is saved — a burst of saves is gathered and indexed once, and only the annotations that
 * changed are touched. Until the first pass is done, `ready` is false and the notes search
 * reads the store instead.
 */
export class NotesIndexer {
  private indexed = false
  private queue: Promise<void> = Promise.resolve()
  private firstPassDone!: () => void
  /** Resolves when every annotation has been indexed once. */
  readonly firstPass = new Promise<void>((resolve) => (this.firstPassDone = resolve))
  private readonly pending = new Map<string, Annotation>()
  private timer: ReturnType<typeof setTimeout> | undefined

  constructor(private readonly ws: Workspace) {}

  get ready(): boolean {
    return this.indexed
  }

  all(): Promise<void> {
    this.pending.clear()
    return this.enqueue(async () => {
      // In slices, each its own transaction: 100,000 annotations in one would grow the
      // index's memory (which WebAssembly never gives back) by hundreds of megabytes.
      const docs = noteDocumentsOf(this.ws)
      await this.ws.search.replaceNotes(docs.slice(0, REBUILD_SLICE))
      for (let i = REBUILD_SLICE; i < docs.length; i += REBUILD_SLICE) await this.ws.search.upsertNotes(docs.slice(i, i + REBUILD_SLICE), [])
      this.indexed = true
      this.firstPassDone()
    })
  }

  /** Annotations just saved (or deleted); `tagsChanged` when the codebook's names changed. */
  committed(annotations: Annotation[], tagsChanged: boolean): void {
    if (!this.indexed) return
    if (tagsChanged) return void this.all()
    for (const a of annotations) if (a.kind !== 'comparison') this.pending.set(a.id, a)
    this.timer ??= setTimeout(() => void this.flush(), COALESCE_MS)
    this.timer.unref?.()
  }

  private flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    if (this.pending.size === 0) return this.queue
    const changed = [...this.pending.values()]
    this.pending.clear()
    const tags = tagNames(this.ws)
    const live = changed.filter((a): a is Exclude<Annotation, { kind: 'comparison' }> => !a.deleted && a.kind !== 'comparison')
    const removed = changed.filter((a) => a.deleted).map((a) => a.id)
    return this.enqueue(() =>
      this.ws.search.upsertNotes(
        live.map((a) => noteDocumentOf(a, tags)),
        removed,
      ),
    )
  }

  /** Resolves when every change so far is in the index. */
  settled(): Promise<void> {
    return this.flush()
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(work, work).catch(() => undefined)
    return this.queue
  }
}
