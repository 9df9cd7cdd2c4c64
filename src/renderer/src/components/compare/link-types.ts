import type { LinkType } from '@core/annotations/model'

/** How two linked passages relate, in the researcher's words. */
export const LINK_TYPE_LABELS: Record<LinkType, string> = {
  'same-fact': 'Same fact',
  paraphrase: 'Paraphrase',
  'adds-detail': 'Adds detail',
  contradicts: 'Contradicts',
  'different-framing': 'Different framing',
}

export const LINK_TYPE_LIST = Object.keys(LINK_TYPE_LABELS) as LinkType[]
