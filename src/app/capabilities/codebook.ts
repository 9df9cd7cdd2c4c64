import { anchorPassage } from '@core/anchoring/anchor'
import type { Tag } from '@core/annotations/model'
import { createRecord, reviseRecord } from '@core/annotations/records'
import { wouldCycle } from '@core/annotations/tag-tree'
import { ApiError, type Handlers } from '@shared/contract'
import type { CodedPassage } from '@shared/types'
import { nextTagColour } from '../tag-colours'
import type { Change, Workspace } from '../workspace'

type CodebookHandlers = Pick<Handlers, 'codebook.list' | 'codebook.create' | 'codebook.update' | 'codebook.merge' | 'codebook.delete' | 'codebook.passages'>

/** Names compare as a researcher reads them: "Sovereignty" and "SOVEREIGNTY" are one code. */
function sameName(a: string, b: string): boolean {
  return a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0 || a.toLowerCase() === b.toLowerCase()
}

/** The codebook: a hierarchy of codes, applied to passages and articles, and code retrieval. */
export function codebookHandlers(ws: Workspace): CodebookHandlers {
  return {
    'codebook.list': async () => {
      // Another process (the CLI, a second window's host) may have added tags since.
      await ws.store.codebook.refresh()
      return ws.tagsWithCounts()
    },

    'codebook.create': async ({ name, colour, description, parentId }) => {
      if (parentId) ws.requireTag(parentId)
      const tag = createRecord<Tag>(ws.ctx, { kind: 'tag', name, colour: colour ?? nextTagColour(ws.store.liveTags().map((t) => t.colour)), description, parentId })
      await ws.commitTags(`Create tag "${name}"`, [{ before: null, after: tag }], (records) => {
        if (Object.values(records).some((t) => !t.deleted && sameName(t.name, name))) throw new ApiError('conflict', `A tag called "${name}" already exists.`)
      })
      return { ...tag, count: 0 }
    },

    'codebook.update': async ({ id, patch }) => {
      const before = ws.requireTag(id)
      if (patch.parentId) ws.requireTag(patch.parentId)
      const clean = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<Tag>
      const after = reviseRecord(ws.ctx, before, clean)
      await ws.commitTags(patch.name ? `Rename tag to "${patch.name}"` : 'Edit tag', [{ before, after }], (records) => {
        const name = patch.name
        if (name && Object.values(records).some((t) => !t.deleted && t.id !== id && sameName(t.name, name))) {
          throw new ApiError('conflict', `A tag called "${name}" already exists; merge the two instead.`)
        }
        if (patch.parentId && wouldCycle(id, patch.parentId, records)) throw new ApiError('invalid-argument', 'A tag cannot be nested inside itself or one of its own sub-tags.')
      })
      const updated = ws.tagsWithCounts().find((t) => t.id === id)
      if (!updated) throw new ApiError('not-found', 'This tag no longer exists.')
      return updated
    },

    'codebook.merge': async ({ sourceId, targetId }) => {
      if (sourceId === targetId) throw new ApiError('invalid-argument', 'Choose two different tags to merge.')
      const source = ws.requireTag(sourceId)
      ws.requireTag(targetId)
      const changes: Change[] = []
      for (const a of [...ws.store.allAnnotations()]) {
        if (!a.tagIds.includes(sourceId)) continue
        const tagIds = [...new Set(a.tagIds.map((t) => (t === sourceId ? targetId : t)))]
        changes.push({ before: a, after: reviseRecord(ws.ctx, a, { tagIds }) })
      }
      for (const child of ws.store.liveTags().filter((t) => t.parentId === sourceId)) changes.push({ before: child, after: reviseRecord(ws.ctx, child, { parentId: targetId }) })
      changes.push({ before: source, after: reviseRecord(ws.ctx, source, { deleted: true }) })
      await ws.commit(`Merge "${source.name}"`, changes)
      const merged = ws.tagsWithCounts().find((t) => t.id === targetId)
      if (!merged) throw new ApiError('not-found', 'The tag merged into no longer exists.')
      return merged
    },

    'codebook.delete': async ({ id }) => {
      const tag = ws.requireTag(id)
      const changes: Change[] = []
      for (const a of [...ws.store.allAnnotations()]) if (a.tagIds.includes(id)) changes.push({ before: a, after: reviseRecord(ws.ctx, a, { tagIds: a.tagIds.filter((t) => t !== id) }) })
      for (const child of ws.store.liveTags().filter((t) => t.parentId === id)) changes.push({ before: child, after: reviseRecord(ws.ctx, child, { parentId: tag.parentId }) })
      changes.push({ before: tag, after: reviseRecord(ws.ctx, tag, { deleted: true }) })
      await ws.commit(`Delete tag "${tag.name}"`, changes)
      return { ok: true as const }
    },

    'codebook.passages': async ({ tagId }) => {
      ws.requireTag(tagId)
      const wanted = new Set([tagId])
      // Code retrieval includes sub-codes, as in QDA tools; the set keeps a stored loop finite.
      for (let grew = true; grew;) {
        grew = false
        for (const t of ws.store.liveTags()) {
          if (t.parentId && wanted.has(t.parentId) && !wanted.has(t.id)) {
            wanted.add(t.id)
            grew = true
          }
        }
      }
      const out: CodedPassage[] = []
      for (const a of ws.store.allAnnotations()) {
        if ((a.kind !== 'highlight' && a.kind !== 'link') || !a.tagIds.some((t) => wanted.has(t))) continue
        // A coded link is retrieved at its first passage, with both passages quoted.
        const at = a.kind === 'highlight' ? a.target : a.source
        const entry = ws.library.get(at.articleId)
        if (!entry) continue
        const loaded = await ws.textOf(entry.id)
        out.push({
          articleId: entry.id,
          articleTitle: ws.summarise(entry).title,
          highlightId: a.kind === 'highlight' ? a.id : null,
          quote: a.kind === 'highlight' ? a.target.quote.exact : `${a.source.quote.exact} ↔ ${a.target.quote.exact}`,
          note: a.note,
          anchor: loaded ? anchorPassage(loaded.article.text, at) : { status: 'orphan' as const, score: 0 },
        })
      }
      return out.sort((x, y) => x.articleTitle.localeCompare(y.articleTitle) || (x.anchor.start ?? 0) - (y.anchor.start ?? 0))
    },
  }
}
