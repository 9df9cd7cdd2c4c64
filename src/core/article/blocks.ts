import type { TextBlock } from './types'

/** Paragraph blocks for plain text: every run of non-blank lines is one paragraph per line. */
export function lineBlocks(text: string, from = 0): TextBlock[] {
  const blocks: TextBlock[] = []
  let offset = from
  while (offset < text.length) {
    const nl = text.indexOf('\n', offset)
    const end = nl < 0 ? text.length : nl
    let s = offset
    let e = end
    while (s < e && /\s/.test(text.charAt(s))) s++
    while (e > s && /\s/.test(text.charAt(e - 1))) e--
    if (e > s) blocks.push({ kind: 'p', start: s, end: e })
    offset = end + 1
  }
  return blocks
}
