import { alignSentences } from './align'
import { statementsOf } from './attribution'
import { contrastEntities, entitiesOf } from './entities'
import { factDifferences } from './facts'
import { sentencesOf } from './segment'
import type { LinkType } from '../annotations/model'
import type { AlignedPassages, ComparisonResult, Span } from './types'

/** A key for a pair of passages: the same passages of the same texts always get the same key. */
export function linkKey(left: Pick<Span, 'start' | 'end'>, right: Pick<Span, 'start' | 'end'>): string {
  return `${left.start}-${left.end}:${right.start}-${right.end}`
}

/**
 * Compares two reports: which sentences correspond (with strength and fact differences), what
 * only one says, the people, places, organisations and topics each mentions, and who is quoted
 * saying what. Offsets are into the texts given (the reader's text).
 */
export function compareTexts(leftText: string, rightText: string): ComparisonResult {
  const left = sentencesOf(leftText)
  const right = sentencesOf(rightText)
  const entities = entitiesOf({ left: leftText, right: rightText })
  const pairs = alignSentences(left, right)
  const links: AlignedPassages[] = pairs.map((p) => {
    const l = left[p.left]!
    const r = right[p.right]!
    return { key: linkKey(l, r), left: l, right: r, score: Math.round(p.score * 1000) / 1000, differences: factDifferences(l, r, entities) }
  })
  const linkedLeft = new Set(pairs.map((p) => p.left))
  const linkedRight = new Set(pairs.map((p) => p.right))
  return {
    links,
    onlyLeft: left.filter((_, i) => !linkedLeft.has(i)),
    onlyRight: right.filter((_, j) => !linkedRight.has(j)),
    entities: contrastEntities(entities),
    statements: [...statementsOf(leftText, 'left', entities, rightText), ...statementsOf(rightText, 'right', entities, leftText)],
  }
}

/**
 * A first guess at how two linked passages relate, for the researcher to confirm or change:
 * facts given differently on both ends → contradicts; one end much longer → adds detail; close
 * wording → same fact; otherwise a paraphrase.
 */
export function suggestedKind(link: AlignedPassages): LinkType {
  if (link.differences.some((d) => (d.kind === 'number' || d.kind === 'date') && d.left && d.right)) return 'contradicts'
  const ratio = link.left.text.length / Math.max(1, link.right.text.length)
  if (ratio > 1.8 || ratio < 1 / 1.8) return 'adds-detail'
  return link.score >= 0.5 ? 'same-fact' : 'paraphrase'
}
