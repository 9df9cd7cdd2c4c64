import { HIGHLIGHT_COLOURS, type HighlightColour } from '../../../core/annotations/model'

export const COLOURS: readonly HighlightColour[] = HIGHLIGHT_COLOURS
export const COLOUR_LABELS: Record<HighlightColour, string> = { yellow: 'Yellow', green: 'Green', blue: 'Blue', pink: 'Pink', purple: 'Purple', orange: 'Orange' }
