/**
 * What the preload exposes to the renderer as `window.parallaxHost`. Defined once: the preload
 * is checked against it at compile time, and the renderer's client is written against it.
 */
export interface PreloadBridge {
  /** Resolves to the host's envelope: `{ ok, result }` or `{ ok: false, error }`. */
  call(method: string, args: unknown): Promise<unknown>
  subscribe(listener: (event: unknown) => void): () => void
  /** Imports dropped or chosen files by their paths on disk; `result` is null when none has a path (made in script). */
  importFiles(files: File[]): Promise<unknown>
  /** Prints the HTML report of an export scope to PDF and saves it where the user chooses; `result` is the saved path, or null when the user cancelled. */
  savePdf(scope: unknown): Promise<unknown>
}
