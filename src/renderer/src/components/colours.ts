import { HIGHLIGHT_COLOURS } from '@core/annotations/colours'
import type { HighlightColour } from '@core/annotations/model'

export const COLOURS: readonly HighlightColour[] = HIGHLIGHT_COLOURS
export const COLOUR_LABELS: Record<HighlightColour, string> = { yellow: 'Yellow', green: 'Green', blue: 'Blue', pink: 'Pink', purple: 'Purple', orange: 'Orange' }
