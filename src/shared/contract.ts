import { z } from 'zod'
import { HighlightColour, LinkType, MetadataOverride } from '@core/annotations/model'
import type { MethodName } from './method-names'
import type * as T from './types'

/**
 * The Parallax API contract: one entry per method with the schema its argument must pass at
 * every boundary (IPC, HTTP) and the type of its result. Electron IPC, the HTTP host and the
 * renderer client are generic over this object; adding a capability is one entry here, one
 * handler in the service and one piece of UI.
 */
const id = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/)
const tagIds = z.array(id).max(200)
const note = z.string().max(100_000)

function method<Result>() {
  return <Args extends z.ZodType>(args: Args) => ({ args, result: undefined as unknown as Result })
}

export const contract = {
  'app.info': method<T.AppInfo>()(z.object({})),
  /**
   * Every article, or one page of them in id order (`after` the last id of the previous page),
   * so a 10,000-article list reaches the UI in pieces that never block it.
   */
  'library.list': method<T.ArticleSummary[]>()(z.object({ after: z.string().min(1).max(200).optional(), limit: z.number().int().min(1).max(100_000).optional() })),
  /** Electron only: absolute paths of dropped files/folders (checked by the host before use). */
  'library.importPaths': method<T.ImportReport>()(z.object({ paths: z.array(z.string().min(1).max(4096)).min(1).max(10_000) })),
  /** Files sent as content (browser host, or file dialogs without paths). */
  'library.upload': method<T.ImportReport>()(
    z.object({
      files: z
        .array(z.object({ name: z.string().min(1).max(255), base64: z.string().max(30 * 1024 * 1024) }))
        .min(1)
        .max(1000),
    }),
  ),
  'article.open': method<T.ArticleView>()(z.object({ id })),
  'article.setMetadata': method<T.ArticleSummary>()(z.object({ id, override: MetadataOverride })),
  'annotations.list': method<T.ArticleAnnotations>()(z.object({ articleId: id })),
  'annotations.createHighlight': method<T.AnchoredHighlight>()(
    z.object({
      articleId: id,
      start: z.number().int().nonnegative(),
      end: z.number().int().positive(),
      /** The text hash the renderer's offsets refer to; a stale one is refused. */
      textHash: z.string().max(128),
      colour: HighlightColour.default('yellow'),
      tagIds: tagIds.default([]),
      note: note.default(''),
    }),
  ),
  'annotations.updateHighlight': method<T.AnchoredHighlight>()(z.object({ id, patch: z.object({ colour: HighlightColour.optional(), tagIds: tagIds.optional(), note: note.optional() }) })),
  'annotations.deleteHighlight': method<{ ok: true }>()(z.object({ id })),
  'annotations.setArticleNote': method<T.ArticleAnnotations>()(z.object({ articleId: id, tagIds: tagIds.optional(), note: note.optional() })),
  /** Two articles side by side: passages aligned, what only one says, entities, statements, fact differences. */
  'compare.open': method<T.ComparisonView>()(z.object({ leftId: id, rightId: id })),
  /** Keeps a suggestion of the alignment as a link (by its key in the latest compare.open). */
  'compare.confirm': method<{ linkId: string }>()(z.object({ leftId: id, rightId: id, key: z.string().min(3).max(100), linkType: LinkType.default('same-fact'), note: note.default('') })),
  /** Rejects a suggestion; it stays rejected until the text of either passage changes. */
  'compare.reject': method<{ ok: true }>()(z.object({ leftId: id, rightId: id, key: z.string().min(3).max(100) })),
  /** A link drawn by hand between a selection in each article. */
  'compare.link': method<{ linkId: string }>()(
    z.object({
      leftId: id,
      rightId: id,
      left: z.object({ start: z.number().int().nonnegative(), end: z.number().int().positive(), textHash: z.string().max(128) }),
      right: z.object({ start: z.number().int().nonnegative(), end: z.number().int().positive(), textHash: z.string().max(128) }),
      linkType: LinkType.default('same-fact'),
      note: note.default(''),
      tagIds: tagIds.default([]),
    }),
  ),
  'compare.updateLink': method<{ ok: true }>()(z.object({ id, patch: z.object({ linkType: LinkType.optional(), note: note.optional(), tagIds: tagIds.optional() }) })),
  'compare.deleteLink': method<{ ok: true }>()(z.object({ id })),
  /** The note and tags of the pair as a whole. */
  'compare.setNote': method<{ ok: true }>()(z.object({ leftId: id, rightId: id, note: note.optional(), tagIds: tagIds.optional() })),
  /** An export of a scope in a format, as a file to save. */
  'export.run': method<T.ExportFile>()(
    z.object({
      scope: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('article'), articleId: id }),
        z.object({ kind: z.literal('comparison'), leftId: id, rightId: id }),
        z.object({ kind: z.literal('tag'), tagId: id }),
        z.object({ kind: z.literal('library') }),
      ]),
      format: z.enum(['w3c', 'csv', 'markdown', 'html', 'qdpx']),
      /** Named by the caller so it can follow the export's progress events and cancel it. */
      exportId: z.string().min(1).max(64).optional(),
      /** A preview: only the first articles of the scope. */
      previewArticles: z.number().int().min(1).max(200).optional(),
    }),
  ),
  /** Stops an export under way (it ends with the code `cancelled`). */
  'export.cancel': method<{ ok: true }>()(z.object({ exportId: z.string().min(1).max(64) })),
  /** Imports a W3C Web Annotation file or a REFI-QDA .qdpx (sent as content). */
  'import.run': method<T.ImportSummary>()(z.object({ fileName: z.string().min(1).max(255), base64: z.string().max(30 * 1024 * 1024) })),
  'history.undo': method<T.HistoryResult>()(z.object({})),
  'history.redo': method<T.HistoryResult>()(z.object({})),
  'codebook.list': method<T.TagWithCount[]>()(z.object({})),
  'codebook.create': method<T.TagWithCount>()(
    z.object({
      name: z.string().trim().min(1).max(200),
      colour: z
        .string()
        .regex(/^#[0-9a-fA-F]{6}$/)
        .optional(),
      description: z.string().max(10_000).default(''),
      parentId: id.nullable().default(null),
    }),
  ),
  'codebook.update': method<T.TagWithCount>()(
    z.object({
      id,
      patch: z.object({
        name: z.string().trim().min(1).max(200).optional(),
        colour: z
          .string()
          .regex(/^#[0-9a-fA-F]{6}$/)
          .optional(),
        description: z.string().max(10_000).optional(),
        parentId: id.nullable().optional(),
      }),
    }),
  ),
  'codebook.merge': method<T.TagWithCount>()(z.object({ sourceId: id, targetId: id })),
  'codebook.delete': method<{ ok: true }>()(z.object({ id })),
  'codebook.passages': method<T.CodedPassage[]>()(z.object({ tagId: id })),
  // `asYouType`: the query is still being typed, so its last word also matches longer words until a space follows it.
  'search.query': method<T.SearchResults>()(z.object({ q: z.string().max(1000), limit: z.number().int().min(1).max(500).default(50), asYouType: z.boolean().optional() })),
  'search.annotations': method<T.AnnotationHit[]>()(z.object({ q: z.string().max(1000), asYouType: z.boolean().optional() })),
} satisfies Record<MethodName, { args: z.ZodType; result: unknown }>

// Fails to compile if METHOD_NAMES lists a method the contract lacks or vice versa.
type Missing = Exclude<MethodName, keyof typeof contract> | Exclude<keyof typeof contract, MethodName>
const _exhaustive: Missing extends never ? true : never = true
void _exhaustive

export type Contract = typeof contract
export type ArgsOf<M extends MethodName> = z.input<Contract[M]['args']>
export type ParsedArgsOf<M extends MethodName> = z.output<Contract[M]['args']>
export type ResultOf<M extends MethodName> = Contract[M]['result']

/** The one interface the renderer talks to, whichever host it runs in. */
export interface ParallaxApi {
  call<M extends MethodName>(method: M, args: ArgsOf<M>): Promise<ResultOf<M>>
  subscribe(listener: (event: T.ApiEvent) => void): () => void
}

/** Handlers the hosts dispatch to: one per method, receiving validated arguments. */
export type Handlers = { [M in MethodName]: (args: ParsedArgsOf<M>) => Promise<ResultOf<M>> }

/** Validates raw arguments from an untrusted side; throws ApiError('invalid-argument'). */
export function parseArgs<M extends MethodName>(method: M, raw: unknown): ParsedArgsOf<M> {
  const result = contract[method].args.safeParse(raw ?? {})
  if (!result.success) {
    throw new ApiError('invalid-argument', `Invalid arguments for ${method}: ${result.error.issues.map((i) => `${i.path.join('.') || 'args'} ${i.message}`).join('; ')}`)
  }
  return result.data as ParsedArgsOf<M>
}

export type ApiErrorCode = 'invalid-argument' | 'not-found' | 'conflict' | 'forbidden' | 'internal' | 'unsupported' | 'not-saved' | 'cancelled'

/** An error the UI may show as is: its message is a sentence for the researcher. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

export type { MethodName }
export * from './types'
