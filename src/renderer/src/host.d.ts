/** What the preload exposes on window (see src/preload/index.ts). */
export interface PreloadBridge {
  call(method: string, args: unknown): Promise<unknown>
  subscribe(listener: (event: unknown) => void): () => void
  /** Resolves to `{ ok, result }`, result null when none of the files has a path (made in script). */
  importFiles(files: File[]): Promise<unknown>
}

declare global {
  interface Window {
    parallaxHost?: PreloadBridge
  }
}
