import { z } from 'zod'
import { HIGHLIGHT_COLOURS } from './colours'

/**
 * The annotation model: W3C Web Annotation selectors over an article's decoded text, plus the
 * bookkeeping every record carries for safe storage and later delta sync (UUID, version,
 * updatedAt, tombstone). Schemas are the single source of the types.
 */

export const TextQuoteSelector = z.object({
  type: z.literal('TextQuoteSelector'),
  exact: z.string().min(1).max(100_000),
  prefix: z.string().max(64).default(''),
  suffix: z.string().max(64).default(''),
})
export type TextQuoteSelector = z.infer<typeof TextQuoteSelector>

export const TextPositionSelector = z.object({
  type: z.literal('TextPositionSelector'),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
})
export type TextPositionSelector = z.infer<typeof TextPositionSelector>

/** What a highlight points at: an article, with both selectors, and the text it was made on. */
export const PassageTarget = z.object({
  articleId: z.string().min(1).max(200),
  quote: TextQuoteSelector,
  position: TextPositionSelector,
  /** SHA-256 of the article text when the anchor was made; a mismatch means "re-anchor". */
  textHash: z.string().max(128),
})
export type PassageTarget = z.infer<typeof PassageTarget>

export const HighlightColour = z.enum(HIGHLIGHT_COLOURS)
export type HighlightColour = z.infer<typeof HighlightColour>

const RecordBase = z.object({
  id: z.string().uuid(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Incremented on every change; the sync cursor. */
  version: z.number().int().positive(),
  creator: z.string().max(200),
  deleted: z.boolean().default(false),
})

export const Highlight = RecordBase.extend({
  kind: z.literal('highlight'),
  target: PassageTarget,
  colour: HighlightColour,
  tagIds: z.array(z.string()).max(200),
  note: z.string().max(100_000),
})
export type Highlight = z.infer<typeof Highlight>

/** How two linked passages relate, as the researcher judges it. */
export const LINK_TYPES = ['same-fact', 'paraphrase', 'adds-detail', 'contradicts', 'different-framing'] as const
export const LinkType = z.enum(LINK_TYPES)
export type LinkType = z.infer<typeof LinkType>

/** A researcher's link between a passage of one article and a passage of another. */
export const PassageLink = RecordBase.extend({
  kind: z.literal('link'),
  source: PassageTarget,
  target: PassageTarget,
  note: z.string().max(100_000),
  tagIds: z.array(z.string()).max(200),
  linkType: LinkType.default('same-fact'),
  /** A confirmed suggestion of the alignment, or drawn by hand. */
  origin: z.enum(['suggested', 'manual']).default('manual'),
})
export type PassageLink = z.infer<typeof PassageLink>

/** Tags and a note on a whole article, plus user corrections to its metadata. */
export const ArticleNote = RecordBase.extend({
  kind: z.literal('article-note'),
  articleId: z.string().min(1).max(200),
  tagIds: z.array(z.string()).max(200),
  note: z.string().max(100_000),
})
export type ArticleNote = z.infer<typeof ArticleNote>

/**
 * A comparison of two articles as a whole: the researcher's note and tags on the pair, and the
 * alignment's suggestions they rejected (by the passages' text, so they stay rejected after a
 * restart and are offered again only if the text changes). Kept with the left article.
 */
export const ComparisonRecord = RecordBase.extend({
  kind: z.literal('comparison'),
  leftId: z.string().min(1).max(200),
  rightId: z.string().min(1).max(200),
  note: z.string().max(100_000),
  tagIds: z.array(z.string()).max(200),
  rejected: z.array(z.object({ left: z.string().max(5_000), right: z.string().max(5_000) })).max(10_000),
})
export type ComparisonRecord = z.infer<typeof ComparisonRecord>

export const Annotation = z.discriminatedUnion('kind', [Highlight, PassageLink, ArticleNote, ComparisonRecord])
export type Annotation = z.infer<typeof Annotation>

/** A code in the codebook; `parentId` builds the hierarchy. */
export const Tag = RecordBase.extend({
  kind: z.literal('tag'),
  name: z.string().min(1).max(200),
  colour: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  description: z.string().max(10_000),
  parentId: z.string().nullable(),
})
export type Tag = z.infer<typeof Tag>

/** User corrections to an article's metadata; never written to the source file. */
export const MetadataOverride = z.object({
  title: z.string().max(1000).optional(),
  date: z.string().max(40).optional(),
  author: z.string().max(1000).optional(),
  outlet: z.string().max(1000).optional(),
})
export type MetadataOverride = z.infer<typeof MetadataOverride>

export { HIGHLIGHT_COLOURS }
