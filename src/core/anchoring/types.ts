/** How well a stored highlight could be placed in the article's current text. */
export type AnchorStatus = 'exact' | 'moved' | 'fuzzy' | 'orphan'

/** Where a highlight falls in the current text; `start`/`end` are absent for orphans. */
export interface Anchor {
  status: AnchorStatus
  start?: number
  end?: number
  /** 0–1 confidence for fuzzy anchors (1 for exact/moved), so the UI can flag weak ones. */
  score: number
}
