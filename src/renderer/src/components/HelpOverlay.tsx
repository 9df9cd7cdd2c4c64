import type { ReactElement } from 'react'

const MOD = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform) ? '⌘' : 'Ctrl'

export const SHORTCUTS: Array<[string, string]> = [
  ['/ or ' + MOD + '+K', 'Search the library'],
  [MOD + '+F', 'Find in this article'],
  ['Enter / Shift+Enter', 'Next / previous match (in find)'],
  ['↑ ↓ or J K', 'Previous / next article (in the list)'],
  ['PgUp PgDn / Home End', 'A page up or down / first or last article'],
  ['1 – 6', 'Highlight the selection in a colour'],
  ['H', 'Highlight the selection (yellow)'],
  ['T', 'Highlight and tag the selection'],
  ['N', 'Highlight and add a note'],
  ['Delete', 'Delete the selected highlight'],
  [MOD + '+Z', 'Undo'],
  [MOD + '+Shift+Z', 'Redo'],
  ['+ / −', 'Larger / smaller text'],
  ['[ / ]', 'Hide or show the left panel / the annotations panel'],
  ['Esc', 'Close panels, clear the selection'],
  ['?', 'Show this help'],
]

export function HelpOverlay({ onClose }: { onClose: () => void }): ReactElement {
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label="Keyboard shortcuts" onClick={onClose} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="dialog" onClick={(e) => e.stopPropagation()}>
        <h2>Keyboard shortcuts</h2>
        <table className="shortcuts">
          <tbody>
            {SHORTCUTS.map(([k, v]) => (
              <tr key={k}>
                <th scope="row">
                  <kbd>{k}</kbd>
                </th>
                <td>{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" autoFocus onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  )
}
