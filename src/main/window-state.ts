import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { screen, type BrowserWindow, type Rectangle } from 'electron'

interface WindowState {
  bounds?: Rectangle
  maximized?: boolean
}

/** Remembers the window's size, position and maximised state between runs. */
export function loadWindowState(dir: string): WindowState {
  try {
    const state = JSON.parse(readFileSync(join(dir, 'window-state.json'), 'utf8')) as WindowState
    // A monitor may have been unplugged: only restore a position that is still on screen.
    if (state.bounds && !screen.getAllDisplays().some((d) => intersects(d.workArea, state.bounds!))) {
      return { maximized: state.maximized, bounds: { ...state.bounds, x: undefined, y: undefined } as unknown as Rectangle }
    }
    return state
  } catch {
    return {}
  }
}

export function trackWindowState(win: BrowserWindow, dir: string): void {
  let timer: ReturnType<typeof setTimeout> | undefined
  const save = (): void => {
    const state: WindowState = { bounds: win.getNormalBounds(), maximized: win.isMaximized() }
    try {
      writeFileSync(join(dir, 'window-state.json'), JSON.stringify(state))
    } catch {
      // losing the window position is harmless
    }
  }
  const later = (): void => {
    if (timer) clearTimeout(timer)
    timer = setTimeout(save, 500)
  }
  win.on('resize', later)
  win.on('move', later)
  win.on('close', save)
}

function intersects(a: Rectangle, b: Partial<Rectangle>): boolean {
  if (b.x === undefined || b.y === undefined || !b.width || !b.height) return false
  return b.x < a.x + a.width && b.x + b.width > a.x && b.y < a.y + a.height && b.y + b.height > a.y
}
