import type { Annotation } from '@core/annotations/model'
import type { NoteDocument } from '../node/search/search-engine'
import type { Workspace } from './workspace'

const articleOf = (a: Exclude<Annotation, { kind: 'comparison' }>): string => (a.kind === 'highlight' ? a.target.articleId : a.kind === 'link' ? a.source.articleId : a.articleId)

/** The researcher's annotations as the notes search indexes them: quote (a link's two passages), note, tag names. */
export function noteDocumentsOf(ws: Workspace, articleIds?: Set<string>): NoteDocument[] {
  const tags = new Map(ws.store.liveTags().map((t) => [t.id, t.name]))
  const out: NoteDocument[] = []
  for (const a of ws.store.allAnnotations()) {
    if (a.kind === 'comparison') continue
    const articleId = articleOf(a)
    if (articleIds && !articleIds.has(articleId)) continue
    out.push({
      annotationId: a.id,
      articleId,
      highlightId: a.kind === 'highlight' ? a.id : null,
      quote: a.kind === 'highlight' ? a.target.quote.exact : a.kind === 'link' ? `${a.source.quote.exact} ↔ ${a.target.quote.exact}` : '',
      note: a.note,
      tags: a.tagIds.map((t) => tags.get(t)).filter((n): n is string => !!n),
    })
  }
  return out
}

/**
 * Keeps the annotations in the full-text index in step with the store: all of them once the
 * article index is built, then the articles whose annotations change, and all again when the
 * codebook changes (a renamed tag). Until the first pass is done, `ready` is false and the
 * notes search reads the store instead.
 */
export class NotesIndexer {
  private indexed = false
  private queue: Promise<void> = Promise.resolve()

  constructor(private readonly ws: Workspace) {}

  get ready(): boolean {
    return this.indexed
  }

  all(): Promise<void> {
    return this.enqueue(async () => {
      await this.ws.search.replaceNotes(null, noteDocumentsOf(this.ws))
      this.indexed = true
    })
  }

  changed(articleIds: string[]): Promise<void> {
    if (!this.indexed) return this.queue
    return this.enqueue(() => this.ws.search.replaceNotes(articleIds, noteDocumentsOf(this.ws, new Set(articleIds))))
  }

  /** Resolves when every change so far is in the index. */
  settled(): Promise<void> {
    return this.queue
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(work, work).catch(() => undefined)
    return this.queue
  }
}
