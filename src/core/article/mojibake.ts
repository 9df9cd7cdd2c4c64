import { CONTINUATION_CLASS, CP1252_CHAR_TO_BYTE } from './cp1252'

/**
 * Repairs UTF-8 that was decoded as Windows-1252/Latin-1 and re-encoded ("double-encoded"):
 * `â€œ` → `“`, `Ã©` → `é`, `Â\u00a0` → `\u00a0`. The approach is ftfy's: a lead character
 * (Â–ß, à–ï, ð–ô) followed by the right number of continuation characters is turned back
 * into bytes and kept only if those bytes are valid UTF-8. Legitimate Latin-1 text almost
 * never has that shape, so false positives are rare.
 */
const C = `[${CONTINUATION_CLASS}]`
const MOJIBAKE = new RegExp(`[\\u00c2-\\u00df]${C}|[\\u00e0-\\u00ef]${C}{2}|[\\u00f0-\\u00f4]${C}{3}`, 'g')
const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

export interface MojibakeRepair {
  text: string
  /** Number of sequences repaired. */
  count: number
}

export function repairMojibake(input: string): MojibakeRepair {
  let count = 0
  let text = input
  // Text that went through the mistake twice needs two passes; a third is never seen in practice.
  for (let pass = 0; pass < 2; pass++) {
    let changed = 0
    text = text.replace(MOJIBAKE, (sequence) => {
      const bytes = Uint8Array.from(sequence, (ch) => CP1252_CHAR_TO_BYTE.get(ch) ?? 0)
      try {
        const fixed = strictUtf8.decode(bytes)
        changed++
        return fixed
      } catch {
        return sequence
      }
    })
    count += changed
    if (changed === 0) break
  }
  // A repaired no-break space beside an ordinary one read as a double gap: one space is meant.
  if (count > 0) text = text.replace(/ \u00a0|\u00a0 /g, ' ')
  return { text, count }
}
