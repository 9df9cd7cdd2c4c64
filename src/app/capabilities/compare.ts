import { anchorPassage, describePassage } from '@core/anchoring/anchor'
import type { ComparisonRecord, PassageLink } from '@core/annotations/model'
import { createRecord, reviseRecord } from '@core/annotations/records'
import type { ComparisonResult, Span } from '@core/compare/types'
import { ApiError, type Handlers } from '@shared/contract'
import type { ComparisonView, SavedLink, SuggestedLink } from '@shared/types'
import type { Workspace } from '../workspace'

/**
 * The comparison engine (compromise's lexicon, the synonym table) is loaded when first needed,
 * not when the app starts: most sessions open, scan and search long before they compare.
 */
export const comparisonEngine = (): Promise<typeof import('@core/compare/compare')> => import('@core/compare/compare')

type CompareHandlers = Pick<Handlers, 'compare.open' | 'compare.confirm' | 'compare.reject' | 'compare.link' | 'compare.updateLink' | 'compare.deleteLink' | 'compare.setNote'>

/** Alignments are kept for the few pairs last opened, keyed by both texts' hashes. */
const CACHE_SIZE = 8

/** Comparing two reports: the alignment's suggestions, the researcher's links and the pair's note. */
export function compareHandlers(ws: Workspace): CompareHandlers {
  const cache = new Map<string, { result: ComparisonResult; ms: number }>()

  const texts = async (leftId: string, rightId: string) => {
    if (leftId === rightId) throw new ApiError('invalid-argument', 'Choose two different articles to compare.')
    ws.requireEntry(leftId)
    ws.requireEntry(rightId)
    const [left, right] = await Promise.all([ws.textOf(leftId), ws.textOf(rightId)])
    if (!left || !right) throw new ApiError('unsupported', 'One of these articles cannot be read, so they cannot be compared.')
    return { left, right }
  }

  const aligned = async (leftId: string, rightId: string) => {
    const { left, right } = await texts(leftId, rightId)
    const key = `${left.textHash}:${right.textHash}`
    let hit = cache.get(key)
    if (!hit) {
      const started = performance.now()
      const { compareTexts } = await comparisonEngine()
      const result = compareTexts(left.article.text, right.article.text)
      hit = { result, ms: performance.now() - started }
      cache.set(key, hit)
      if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!)
    }
    return { left, right, ...hit }
  }

  /** The pair's record as seen from this left/right order (rejections swapped when stored the other way). */
  const pairRecord = (leftId: string, rightId: string): { record?: ComparisonRecord; rejected: Array<{ left: string; right: string }> } => {
    const record = ws.store.comparisonOf(leftId, rightId)
    const swapped = record && record.leftId !== leftId
    return { record, rejected: (record?.rejected ?? []).map((r) => (swapped ? { left: r.right, right: r.left } : r)) }
  }

  /** Links between the two articles, anchored in the texts shown now, as left/right. */
  const savedLinks = (leftId: string, rightId: string, leftText: string, rightText: string): Array<SavedLink & { record: PassageLink }> => {
    const out: Array<SavedLink & { record: PassageLink }> = []
    for (const link of ws.store.linksOf(leftId)) {
      const forward = link.source.articleId === leftId && link.target.articleId === rightId
      const backward = link.source.articleId === rightId && link.target.articleId === leftId
      if (!forward && !backward) continue
      const [l, r] = forward ? [link.source, link.target] : [link.target, link.source]
      const span = (text: string, target: typeof l): Span | null => {
        const a = anchorPassage(text, target)
        return a.start !== undefined && a.end !== undefined ? { start: a.start, end: a.end, text: text.slice(a.start, a.end) } : null
      }
      out.push({ id: link.id, left: span(leftText, l), right: span(rightText, r), linkType: link.linkType, origin: link.origin, note: link.note, tagIds: link.tagIds, record: link })
    }
    return out
  }

  const suggestionOf = async (leftId: string, rightId: string, key: string) => {
    const a = await aligned(leftId, rightId)
    const suggestion = a.result.links.find((l) => l.key === key)
    if (!suggestion) throw new ApiError('not-found', 'This suggestion is gone: one of the articles changed. Reopen the comparison.')
    return { ...a, suggestion }
  }

  /** The pair's comparison record after `change`, created on first use. */
  const revisedPair = (leftId: string, rightId: string, change: (r: ComparisonRecord) => Partial<ComparisonRecord>) => {
    const existing = ws.store.comparisonOf(leftId, rightId)
    const base = existing ?? createRecord<ComparisonRecord>(ws.ctx, { kind: 'comparison', leftId, rightId, note: '', tagIds: [], rejected: [] })
    return { before: existing ?? null, after: existing ? reviseRecord(ws.ctx, existing, change(existing)) : { ...base, ...change(base) } }
  }

  return {
    'compare.open': async ({ leftId, rightId }): Promise<ComparisonView> => {
      const { left, right, result, ms } = await aligned(leftId, rightId)
      await Promise.all([ws.store.annotationsOf(leftId), ws.store.annotationsOf(rightId)])
      const { record, rejected } = pairRecord(leftId, rightId)
      const links = savedLinks(leftId, rightId, left.article.text, right.article.text)
      const { suggestedKind } = await comparisonEngine()
      const suggestions: SuggestedLink[] = result.links.map((s) => {
        const kept = links.find((l) => l.origin === 'suggested' && l.left?.start === s.left.start && l.right?.start === s.right.start)
        const isRejected = rejected.some((r) => r.left === s.left.text && r.right === s.right.text)
        return { ...s, kind: suggestedKind(s), state: kept ? 'confirmed' : isRejected ? 'rejected' : 'suggested', ...(kept ? { linkId: kept.id } : {}) }
      })
      return {
        ...result,
        left: ws.summarise(ws.requireEntry(leftId)),
        right: ws.summarise(ws.requireEntry(rightId)),
        leftTextHash: left.textHash,
        rightTextHash: right.textHash,
        suggestions,
        links: links.map(({ record: _record, ...l }) => l),
        note: record?.note ?? '',
        tagIds: record?.tagIds ?? [],
        computeMs: Math.round(ms * 10) / 10,
      }
    },

    'compare.confirm': async ({ leftId, rightId, key, linkType, note }) => {
      const { left, right, suggestion } = await suggestionOf(leftId, rightId, key)
      const link = createRecord<PassageLink>(ws.ctx, {
        kind: 'link',
        source: describePassage(leftId, left.article.text, left.textHash, suggestion.left.start, suggestion.left.end),
        target: describePassage(rightId, right.article.text, right.textHash, suggestion.right.start, suggestion.right.end),
        note,
        tagIds: [],
        linkType,
        origin: 'suggested',
      })
      await ws.commit('Confirm link', [{ before: null, after: link }])
      return { linkId: link.id }
    },

    'compare.reject': async ({ leftId, rightId, key }) => {
      const { suggestion } = await suggestionOf(leftId, rightId, key)
      const change = revisedPair(leftId, rightId, (r) => {
        const entry = r.leftId === leftId ? { left: suggestion.left.text, right: suggestion.right.text } : { left: suggestion.right.text, right: suggestion.left.text }
        return { rejected: [...r.rejected.filter((x) => x.left !== entry.left || x.right !== entry.right), { left: entry.left.slice(0, 5000), right: entry.right.slice(0, 5000) }] }
      })
      await ws.commit('Reject suggestion', [change])
      return { ok: true as const }
    },

    'compare.link': async ({ leftId, rightId, left, right, linkType, note, tagIds }) => {
      const t = await texts(leftId, rightId)
      if (t.left.textHash !== left.textHash || t.right.textHash !== right.textHash)
        throw new ApiError('conflict', 'An article changed on disk while you were selecting; the new version has been loaded, please select again.')
      for (const [span, text] of [
        [left, t.left.article.text],
        [right, t.right.article.text],
      ] as const) {
        if (span.end <= span.start || span.end > text.length || text.slice(span.start, span.end).trim() === '') throw new ApiError('invalid-argument', 'Select a passage in each article to link.')
      }
      for (const tag of tagIds) ws.requireTag(tag)
      const link = createRecord<PassageLink>(ws.ctx, {
        kind: 'link',
        source: describePassage(leftId, t.left.article.text, t.left.textHash, left.start, left.end),
        target: describePassage(rightId, t.right.article.text, t.right.textHash, right.start, right.end),
        note,
        tagIds,
        linkType,
        origin: 'manual',
      })
      await ws.commit('Link passages', [{ before: null, after: link }])
      return { linkId: link.id }
    },

    'compare.updateLink': async ({ id, patch }) => {
      const before = ws.findAnnotation(id)
      if (before.kind !== 'link') throw new ApiError('invalid-argument', 'Not a link.')
      for (const tag of patch.tagIds ?? []) ws.requireTag(tag)
      const clean = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<PassageLink>
      await ws.commit(patch.note !== undefined ? 'Edit link note' : patch.linkType ? 'Change link type' : 'Change link tags', [{ before, after: reviseRecord(ws.ctx, before, clean) }])
      return { ok: true as const }
    },

    'compare.deleteLink': async ({ id }) => {
      const before = ws.findAnnotation(id)
      if (before.kind !== 'link') throw new ApiError('invalid-argument', 'Not a link.')
      await ws.commit('Delete link', [{ before, after: reviseRecord(ws.ctx, before, { deleted: true }) }])
      return { ok: true as const }
    },

    'compare.setNote': async ({ leftId, rightId, note, tagIds }) => {
      ws.requireEntry(leftId)
      ws.requireEntry(rightId)
      for (const tag of tagIds ?? []) ws.requireTag(tag)
      await ws.commit(note !== undefined ? 'Edit comparison note' : 'Change comparison tags', [
        revisedPair(leftId, rightId, () => ({ ...(note !== undefined ? { note } : {}), ...(tagIds ? { tagIds } : {}) })),
      ])
      return { ok: true as const }
    },
  }
}
