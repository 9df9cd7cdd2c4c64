import type { ReactElement } from 'react'
import { useFocusTrap } from '../hooks/useFocusTrap'
import { FIND_KEYS, SHORTCUTS } from '../keymap'

/** The keyboard shortcuts, generated from the keymap the key handlers use. */
export function HelpOverlay({ onClose }: { onClose: () => void }): ReactElement {
  const trap = useFocusTrap<HTMLDivElement>()
  const rows: Array<[string, string]> = [...SHORTCUTS.map((s): [string, string] => [s.keys, s.description]), ...FIND_KEYS]
  // Two columns, so every shortcut is on screen at once (one column no longer fit a laptop screen).
  const half = Math.ceil(rows.length / 2)
  const table = (part: Array<[string, string]>): ReactElement => (
    <table className="shortcuts">
      <tbody>
        {part.map(([k, v]) => (
          <tr key={k + v}>
            <th scope="row">
              <kbd>{k}</kbd>
            </th>
            <td>{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label="Keyboard shortcuts" onClick={onClose} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="dialog help-dialog" ref={trap} onClick={(e) => e.stopPropagation()}>
        <div className="help-header">
          <h2>Keyboard shortcuts</h2>
          <button type="button" autoFocus onClick={onClose}>
            Close
          </button>
        </div>
        <div className="help-columns">
          {table(rows.slice(0, half))}
          {table(rows.slice(half))}
        </div>
      </div>
    </div>
  )
}
