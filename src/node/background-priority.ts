import { readlinkSync } from 'node:fs'
import { setPriority } from 'node:os'

/**
 * Lowers the calling thread's CPU priority (Linux: `nice` applies per thread). Parsing and
 * indexing a big library are background work; on a 2-core machine they otherwise compete on
 * equal terms with the window that is drawing the library they produce. Elsewhere, or without
 * permission, the thread keeps its priority: this is a courtesy, never a requirement.
 */
export function lowerThreadPriority(nice = 10): void {
  if (process.platform !== 'linux') return
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop())
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, nice)
  } catch {
    // Not permitted or no /proc: run at normal priority.
  }
}
