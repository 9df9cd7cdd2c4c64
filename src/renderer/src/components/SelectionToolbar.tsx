import type { ReactElement } from 'react'
import type { HighlightColour } from '@core/annotations/model'
import { COLOUR_LABELS, COLOURS } from './colours'

/** Appears above a text selection: highlight in a colour (keys 1–6), tag (T) or note (N). */
export function SelectionToolbar(props: { rect: DOMRect; onHighlight: (colour: HighlightColour) => void; onTag: () => void; onNote: () => void }): ReactElement {
  const top = Math.max(8, props.rect.top - 48)
  const left = Math.max(8, Math.min(window.innerWidth - 320, props.rect.left + props.rect.width / 2 - 150))
  return (
    <div className="floating-toolbar" role="toolbar" aria-label="Selection actions" style={{ top, left }} onMouseDown={(e) => e.preventDefault()}>
      {COLOURS.map((c, i) => (
        <button
          key={c}
          type="button"
          className={`swatch swatch-${c}`}
          aria-label={`Highlight ${COLOUR_LABELS[c].toLowerCase()}`}
          title={`Highlight ${COLOUR_LABELS[c].toLowerCase()} (${i + 1})`}
          onClick={() => props.onHighlight(c)}
        />
      ))}
      <span className="toolbar-sep" />
      <button type="button" onClick={props.onTag} title="Highlight and tag (T)">
        Tag
      </button>
      <button type="button" onClick={props.onNote} title="Highlight and add a note (N)">
        Note
      </button>
    </div>
  )
}
