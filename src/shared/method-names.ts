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
  'compare.open',
  'compare.confirm',
  'compare.reject',
  'compare.link',
  'compare.updateLink',
  'compare.deleteLink',
  'compare.setNote',
  'export.run',
  'export.cancel',
  'import.run',
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

/**
 * Methods that take file paths on this computer. No page may call them with paths of its own
 * choosing: the HTTP host refuses them (a browser uploads contents instead), and in Electron
 * only the preload calls it, with paths of files the user just dropped or chose
 * (`webUtils.getPathForFile` answers only for those).
 */
export const TRUSTED_ONLY_METHODS: readonly MethodName[] = ['library.importPaths']

export function isTrustedOnly(method: string): boolean {
  return (TRUSTED_ONLY_METHODS as readonly string[]).includes(method)
}

/** The preload's channel for importing files the user dropped or chose. */
export const IPC_IMPORT_FILES = 'parallax:import-files'

/** The preload's channel for saving an HTML report as PDF through Chromium's print engine (desktop only). */
export const IPC_SAVE_PDF = 'parallax:save-pdf'

/** Channel prefix for Electron IPC; one channel per method. */
export const IPC_PREFIX = 'parallax:'
export const IPC_EVENT_CHANNEL = 'parallax:event'
