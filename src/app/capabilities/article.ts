import type { MetadataOverride } from '@core/annotations/model'
import { ApiError, type Handlers } from '@shared/contract'
import type { ArticleView } from '@shared/types'
import { durably, type Workspace } from '../workspace'

type ArticleHandlers = Pick<Handlers, 'article.open' | 'article.setMetadata'>

/** One article: its text for the reader, and the researcher's corrections to its metadata. */
export function articleHandlers(ws: Workspace): ArticleHandlers {
  return {
    'article.open': async ({ id }): Promise<ArticleView> => {
      ws.requireEntry(id)
      const loaded = await ws.textOf(id)
      const entry = ws.requireEntry(id)
      if (!loaded) {
        const reason = entry.summary.warnings[0]?.message ?? 'This file cannot be read.'
        throw new ApiError('unsupported', reason)
      }
      return { summary: ws.summarise(entry), text: loaded.article.text, blocks: loaded.article.blocks, textHash: loaded.textHash }
    },

    'article.setMetadata': async ({ id, override }) => {
      const entry = ws.requireEntry(id)
      const registry = ws.store.registry.records[id]
      if (!registry) throw new ApiError('not-found', 'This article is not registered yet; try again in a moment.')
      const merged: MetadataOverride = { ...registry.override }
      for (const key of ['title', 'date', 'author', 'outlet'] as const) {
        const given = override[key]
        if (given === undefined) continue
        const value = given.trim()
        // An empty value means "use what the file says" again.
        if (value === '') delete merged[key]
        else merged[key] = value
      }
      if (merged.date && !/^\d{4}-\d{2}-\d{2}/.test(merged.date)) throw new ApiError('invalid-argument', 'Dates are written as YYYY-MM-DD.')
      await durably(ws.store.registry.put([{ ...registry, override: merged, version: registry.version + 1, updatedAt: ws.ctx.now().toISOString() }]))
      const summary = ws.summarise(entry)
      ws.emit({ type: 'library.changed', added: [], changed: [summary], removed: [], renamed: [] })
      return summary
    },
  }
}
