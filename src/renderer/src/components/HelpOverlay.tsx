import type { ReactElement } from 'react'
import { FIND_KEYS, SHORTCUTS } from '../keymap'

/** The keyboard shortcuts, generated from the keymap the key handlers use. */
export function HelpOverlay({ onClose }: { onClose: () => void }): ReactElement {
  const rows: Array<[string, string]> = [...SHORTCUTS.map((s): [string, string] => [s.keys, s.description]), ...FIND_KEYS]
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label="Keyboard shortcuts" onClick={onClose} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="dialog" onClick={(e) => e.stopPropagation()}>
        <h2>Keyboard shortcuts</h2>
        <table className="shortcuts">
          <tbody>
            {rows.map(([k, v]) => (
              <tr key={k + v}>
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
