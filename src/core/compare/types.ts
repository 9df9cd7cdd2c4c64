/** A stretch of an article's text (offsets into the text the reader shows). */
export interface Span {
  start: number
  end: number
  text: string
}

export type Side = 'left' | 'right'

export type EntityType = 'person' | 'place' | 'organisation' | 'topic'

export type DifferenceKind = 'number' | 'date' | 'place' | 'person' | 'organisation' | 'wording'

/** A fact on one end of a link that the other end gives differently or not at all ('' = absent). */
export interface FactDifference {
  kind: DifferenceKind
  left: string
  right: string
}

/** Two passages that report the same thing, found by alignment. */
export interface AlignedPassages {
  /** Stable for the same passages of the same texts: how a confirmation or rejection finds it again. */
  key: string
  left: Span
  right: Span
  /** 0–1: how strongly the two passages correspond. */
  score: number
  differences: FactDifference[]
}

export interface EntityMention {
  side: Side
  start: number
  end: number
}

export interface Entity {
  name: string
  type: EntityType
  mentions: EntityMention[]
}

/** Something a speaker is reported to have said. */
export interface Statement {
  side: Side
  speaker: string
  start: number
  end: number
  text: string
}

export interface ComparisonResult {
  links: AlignedPassages[]
  onlyLeft: Span[]
  onlyRight: Span[]
  entities: { onlyLeft: Entity[]; onlyRight: Entity[]; both: Entity[] }
  statements: Statement[]
}
