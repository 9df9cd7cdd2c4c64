/** Distinct, colour-blind-friendly defaults for new codes (Okabe–Ito palette, then Tableau). */
const PALETTE = ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7', '#4E79A7', '#F28E2B', '#59A14F', '#B07AA1', '#9C755F']

export function nextTagColour(used: string[]): string {
  const counts = new Map(PALETTE.map((c) => [c, 0]))
  for (const c of used) if (counts.has(c.toUpperCase())) counts.set(c.toUpperCase(), counts.get(c.toUpperCase())! + 1)
  // The least used colour; PALETTE is never empty.
  return [...counts].sort((a, b) => a[1] - b[1])[0]![0]
}
