/**
 * Every method of the Parallax API. Kept free of imports so the sandboxed preload can check
 * channel names without bundling the schemas; `contract.ts` proves it matches the contract.
 */
export const METHOD_NAMES = [
  'app.info',
  'library.list',
  'library.importPaths',
  'library.upload',
  'article.open',
  'article.setMetadata',
  'annotations.list',
  'annotations.createHighlight',
  'annotations.updateHighlight',
  'annotations.deleteHighlight',
  'annotations.setArticleNote',
  'history.undo',
  'history.redo',
  'codebook.list',
  'codebook.create',
  'codebook.update',
  'codebook.merge',
  'codebook.delete',
  'codebook.passages',
  'search.query',
  'search.annotations',
] as const

export type MethodName = (typeof METHOD_NAMES)[number]

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && (METHOD_NAMES as readonly string[]).includes(name)
}

/** Channel prefix for Electron IPC; one channel per method. */
export const IPC_PREFIX = 'parallax:'
export const IPC_EVENT_CHANNEL = 'parallax:event'
