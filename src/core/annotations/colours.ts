/**
 * The highlight palette, kept apart from the zod schemas in model.ts so the renderer can use
 * it without bundling zod (about a fifth of its start-up script).
 */
export const HIGHLIGHT_COLOURS = ['yellow', 'green', 'blue', 'pink', 'purple', 'orange'] as const
