import { anchorPassage, describePassage } from '@core/anchoring/anchor'
import type { ArticleNote, Highlight } from '@core/annotations/model'
import { createRecord, reviseRecord } from '@core/annotations/records'
import { ApiError, type Handlers } from '@shared/contract'
import type { Workspace } from '../workspace'

type AnnotationHandlers = Pick<Handlers, 'annotations.list' | 'annotations.createHighlight' | 'annotations.updateHighlight' | 'annotations.deleteHighlight' | 'annotations.setArticleNote'>

/** Highlights and article notes: made on the text the reader showed, re-anchored when it changes. */
export function annotationHandlers(ws: Workspace): AnnotationHandlers {
  return {
    'annotations.list': async ({ articleId }) => {
      // An unknown id must not create an empty shard in memory (20,000 made-up ids grew the server for good).
      if (!ws.library.get(articleId) && !ws.store.hasShard(articleId)) return { articleId, highlights: [], articleNote: null, links: [] }
      return ws.annotationsOf(articleId)
    },

    'annotations.createHighlight': async ({ articleId, start, end, textHash, colour, tagIds, note }) => {
      ws.requireEntry(articleId)
      const loaded = await ws.textOf(articleId)
      if (!loaded) throw new ApiError('unsupported', 'This article cannot be read, so it cannot be highlighted.')
      if (loaded.textHash !== textHash) throw new ApiError('conflict', 'The article changed on disk while you were selecting; the new version has been loaded, please select again.')
      const { text } = loaded.article
      if (end <= start || end > text.length) throw new ApiError('invalid-argument', 'The selection is outside the article text.')
      if (text.slice(start, end).trim() === '') throw new ApiError('invalid-argument', 'Select some words to highlight.')
      for (const t of tagIds) ws.requireTag(t)
      const highlight = createRecord<Highlight>(ws.ctx, { kind: 'highlight', target: describePassage(articleId, text, textHash, start, end), colour, tagIds, note })
      await ws.commit('Highlight', [{ before: null, after: highlight }])
      return { ...highlight, anchor: anchorPassage(text, highlight.target) }
    },

    'annotations.updateHighlight': async ({ id, patch }) => {
      const before = ws.findAnnotation(id)
      if (before.kind !== 'highlight') throw new ApiError('invalid-argument', 'Not a highlight.')
      for (const t of patch.tagIds ?? []) ws.requireTag(t)
      const clean = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<Highlight>
      const after = reviseRecord(ws.ctx, before, clean)
      await ws.commit(patch.note !== undefined ? 'Edit note' : patch.tagIds ? 'Change tags' : 'Change colour', [{ before, after }])
      const loaded = await ws.textOf(after.target.articleId)
      const [anchored] = ws.anchorAll([after], loaded?.article.text)
      if (!anchored) throw new ApiError('internal', 'The highlight was saved but could not be shown; reopen the article.')
      return anchored
    },

    'annotations.deleteHighlight': async ({ id }) => {
      const before = ws.findAnnotation(id)
      await ws.commit('Delete highlight', [{ before, after: reviseRecord(ws.ctx, before, { deleted: true }) }])
      return { ok: true as const }
    },

    'annotations.setArticleNote': async ({ articleId, tagIds, note }) => {
      ws.requireEntry(articleId)
      for (const t of tagIds ?? []) ws.requireTag(t)
      const existing = (await ws.store.annotationsOf(articleId)).find((a): a is ArticleNote => a.kind === 'article-note')
      const after: ArticleNote = existing
        ? reviseRecord(ws.ctx, existing, { ...(tagIds ? { tagIds } : {}), ...(note !== undefined ? { note } : {}) })
        : createRecord<ArticleNote>(ws.ctx, { kind: 'article-note', articleId, tagIds: tagIds ?? [], note: note ?? '' })
      await ws.commit(note !== undefined ? 'Edit article note' : 'Change article tags', [{ before: existing ?? null, after }])
      return ws.annotationsOf(articleId)
    },
  }
}
