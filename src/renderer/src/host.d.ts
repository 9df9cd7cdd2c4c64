/** What the preload exposes on window (see src/preload/index.ts). */
export interface PreloadBridge {
  call(method: string, args: unknown): Promise<unknown>
  subscribe(listener: (event: unknown) => void): () => void
  pathForFile(file: File): string
}

declare global {
  interface Window {
    parallaxHost?: PreloadBridge
  }
}
