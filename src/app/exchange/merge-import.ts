import { anchorPassage, describePassage } from '@core/anchoring/anchor'
import type { Annotation, ArticleNote, Highlight, PassageLink, Tag } from '@core/annotations/model'
import { createRecord } from '@core/annotations/records'
import type { W3CImport } from '@core/export/w3c'
import type { ImportSummary } from '@shared/types'
import { nextTagColour } from '../tag-colours'
import type { Change, Workspace } from '../workspace'

/** Annotations of an export (Parallax W3C, another tool's W3C, or a .qdpx) merged into this library. */
export async function importInto(ws: Workspace, data: W3CImport & { sources?: Array<{ name: string; text: string; guid: string }> }): Promise<ImportSummary> {
  const summary: ImportSummary = { highlights: 0, notes: 0, links: 0, tags: 0, duplicates: 0, unmatched: [...data.skipped] }
  // Articles: the same id (this library), else the same file bytes, else the same path, else (QDA) the same title or text.
  const entries = ws.library.list()
  const articleFor = new Map<string, string>()
  for (const a of data.articles) {
    const match = ws.library.get(a.id) ?? entries.find((e) => a.fileHash && e.summary.hash === a.fileHash) ?? entries.find((e) => e.summary.path === a.path)
    if (match) articleFor.set(a.id, match.id)
  }
  for (const s of data.sources ?? []) {
    const byTitle = entries.find((e) => ws.summarise(e).title === s.name)
    let match = byTitle
    if (!match) {
      for (const e of entries) {
        const loaded = await ws.textOf(e.id)
        if (loaded && loaded.article.text.trim() === s.text.trim()) {
          match = e
          break
        }
      }
    }
    if (match) articleFor.set(s.guid, match.id)
  }
  const resolve = (id: string): string | undefined => articleFor.get(id) ?? (ws.library.get(id) ? id : undefined)

  // Tags by name (case-insensitive), created with their hierarchy when missing.
  const changes: Change[] = []
  const tagByName = new Map(ws.store.liveTags().map((t) => [t.name.toLowerCase(), t]))
  const importedTagId = new Map<string, string>()
  const ensureTag = (name: string, parentName?: string, colour?: string, description?: string): string => {
    const known = tagByName.get(name.toLowerCase())
    if (known) return known.id
    const parentId = parentName ? ensureTag(parentName) : null
    const tag = createRecord<Tag>(ws.ctx, {
      kind: 'tag',
      name: name.slice(0, 200),
      colour: colour && /^#[0-9a-f]{6}$/i.test(colour) ? colour : nextTagColour([...tagByName.values()].map((t) => t.colour)),
      description: (description ?? '').slice(0, 10_000),
      parentId,
    })
    tagByName.set(name.toLowerCase(), tag)
    changes.push({ before: null, after: tag })
    summary.tags++
    return tag.id
  }
  const codebookById = new Map(data.codebook.map((c) => [c.id, c]))
  for (const c of data.codebook) importedTagId.set(c.id, ensureTag(c.name, c.parentId ? codebookById.get(c.parentId)?.name : undefined, c.colour, c.description))
  const tagIds = (names: string[]): string[] => [...new Set(names.filter(Boolean).map((n) => ensureTag(n)))]

  const existing = (id: string): boolean => !!id && !!ws.store.findById(id)
  const uuid = (id: string): string | undefined => (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id) ? id.toLowerCase() : undefined)
  const reanchor = async (articleId: string, quote: Highlight['target']['quote'], position: Highlight['target']['position']) => {
    const loaded = await ws.textOf(articleId)
    if (!loaded) return undefined
    const a = anchorPassage(loaded.article.text, { articleId, quote, position, textHash: '' })
    if (a.start === undefined || a.end === undefined) return undefined
    return describePassage(articleId, loaded.article.text, loaded.textHash, a.start, a.end)
  }
  const stamp = <R extends Annotation>(record: R, src: { id: string; created: string; modified: string; creator: string }): R => ({
    ...record,
    id: uuid(src.id) ?? record.id,
    createdAt: src.created,
    updatedAt: src.modified,
    creator: src.creator,
  })

  for (const h of data.highlights) {
    if (existing(uuid(h.id) ?? '')) {
      summary.duplicates++
      continue
    }
    const articleId = resolve(h.articleId)
    const target = articleId ? await reanchor(articleId, h.quote, h.position) : undefined
    if (!articleId || !target) {
      summary.unmatched.push(`Highlight “${h.quote.exact.slice(0, 60)}”: ${articleId ? 'the passage is no longer in the article' : 'its article is not in this library'}.`)
      continue
    }
    changes.push({ before: null, after: stamp(createRecord<Highlight>(ws.ctx, { kind: 'highlight', target, colour: h.colour, tagIds: tagIds(h.tags), note: h.note.slice(0, 100_000) }), h) })
    summary.highlights++
  }
  for (const n of data.articleNotes) {
    const articleId = resolve(n.articleId)
    if (!articleId) {
      summary.unmatched.push(`An article note: its article is not in this library.`)
      continue
    }
    const current = (await ws.store.annotationsOf(articleId)).find((a): a is ArticleNote => a.kind === 'article-note')
    if (existing(uuid(n.id) ?? '') || (current && current.note === n.note)) {
      summary.duplicates++
      continue
    }
    if (current) {
      // Kept beside the note already there, never over it.
      changes.push({
        before: current,
        after: {
          ...current,
          note: `${current.note}\n\n${n.note}`.trim(),
          tagIds: [...new Set([...current.tagIds, ...tagIds(n.tags)])],
          version: current.version + 1,
          updatedAt: ws.ctx.now().toISOString(),
        },
      })
    } else changes.push({ before: null, after: stamp(createRecord<ArticleNote>(ws.ctx, { kind: 'article-note', articleId, tagIds: tagIds(n.tags), note: n.note }), n) })
    summary.notes++
  }
  for (const l of data.links) {
    if (existing(uuid(l.id) ?? '')) {
      summary.duplicates++
      continue
    }
    const [s, t] = [resolve(l.source.articleId), resolve(l.target.articleId)]
    const source = s ? await reanchor(s, l.source.quote, l.source.position) : undefined
    const target = t ? await reanchor(t, l.target.quote, l.target.position) : undefined
    if (!source || !target) {
      summary.unmatched.push(`Link “${l.source.quote.exact.slice(0, 40)}” ↔ “${l.target.quote.exact.slice(0, 40)}”: a passage or article is not in this library.`)
      continue
    }
    changes.push({ before: null, after: stamp(createRecord<PassageLink>(ws.ctx, { kind: 'link', source, target, linkType: l.linkType, origin: 'manual', note: l.note, tagIds: tagIds(l.tags) }), l) })
    summary.links++
  }
  if (changes.length) await ws.commit('Import annotations', changes)
  return summary
}
