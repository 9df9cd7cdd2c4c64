/** One undoable user action: the records it changed, before and after. */
export interface HistoryEntry<R> {
  label: string
  changes: Array<{ before: R | null; after: R }>
}

/**
 * Undo/redo stacks of user actions. Undo does not rewind the store: it writes new versions
 * carrying the old content, so the change history stays append-only and syncable.
 */
export class History<R> {
  private readonly undoStack: HistoryEntry<R>[] = []
  private readonly redoStack: HistoryEntry<R>[] = []

  constructor(private readonly limit = 500) {}

  record(entry: HistoryEntry<R>): void {
    if (entry.changes.length === 0) return
    this.undoStack.push(entry)
    if (this.undoStack.length > this.limit) this.undoStack.shift()
    this.redoStack.length = 0
  }

  takeUndo(): HistoryEntry<R> | undefined {
    const e = this.undoStack.pop()
    if (e) this.redoStack.push(e)
    return e
  }

  takeRedo(): HistoryEntry<R> | undefined {
    const e = this.redoStack.pop()
    if (e) this.undoStack.push(e)
    return e
  }

  get canUndo(): string | undefined {
    return this.undoStack.at(-1)?.label
  }

  get canRedo(): string | undefined {
    return this.redoStack.at(-1)?.label
  }
}
