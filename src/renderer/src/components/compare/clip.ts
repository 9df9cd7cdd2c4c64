/** A passage shortened for a card: at most n characters, an ellipsis where it was cut. */
export const clip = (text: string, n = 140): string => (text.length > n ? `${text.slice(0, n - 1)}…` : text)
