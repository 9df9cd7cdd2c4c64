import { z } from 'zod'
import { MetadataOverride } from '@core/annotations/model'

/** What the store knows about an article file: identity by path and content, and corrections. */
export const RegistryEntry = z.object({
  id: z.string(),
  version: z.number().int().positive(),
  updatedAt: z.string(),
  path: z.string(),
  hash: z.string(),
  size: z.number(),
  mtimeMs: z.number(),
  override: MetadataOverride.optional(),
})
export type RegistryEntry = z.infer<typeof RegistryEntry>

/** Where an article's annotations came from, kept in its shard so a lost registry can be rebuilt. */
export interface ArticleIdentity {
  path: string
  hash: string
}

/** Shard meta with the current identity (path, content hash) of each article it refers to. */
export function identityMeta(registry: Readonly<Record<string, RegistryEntry>>, current: Record<string, unknown> | undefined, articleIds: Iterable<string>): Record<string, unknown> {
  const known = (current?.articles as Record<string, ArticleIdentity> | undefined) ?? {}
  const articles = { ...known }
  let changed = false
  for (const id of articleIds) {
    const r = registry[id]
    if (r && (known[id]?.path !== r.path || known[id]?.hash !== r.hash)) {
      articles[id] = { path: r.path, hash: r.hash }
      changed = true
    }
  }
  // Unchanged meta is handed back as is, so a save does not write it again.
  return changed || !current ? { ...current, articles } : current
}
