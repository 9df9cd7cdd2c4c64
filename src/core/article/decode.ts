import chardet from 'chardet'
import iconv from 'iconv-lite'
import { repairMojibake } from './mojibake'

/** The result of turning a file's bytes into text. */
export interface DecodedText {
  text: string
  /** Encoding label as understood by iconv-lite / WHATWG, e.g. `utf-8`, `utf-16le`, `windows-1252`. */
  encoding: string
  /** True when the encoding was guessed statistically rather than known (BOM or valid UTF-8). */
  guessed: boolean
  repairs: string[]
  /** True when the bytes look like a binary file rather than text. */
  binary: boolean
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

/** Encodings chardet may report that we map onto the superset browsers actually use. */
const SUPERSETS: Record<string, string> = {
  'iso-8859-1': 'windows-1252',
  ascii: 'utf-8',
  'iso-8859-9': 'windows-1254',
  'iso-8859-7': 'windows-1253',
}

function detectBom(bytes: Uint8Array): { encoding: string; skip: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', skip: 3 }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', skip: 2 }
  return undefined
}

/** UTF-16 without a BOM shows up as NUL bytes on every other position for Latin text. */
function detectBomlessUtf16(sample: Uint8Array): string | undefined {
  // Nearly every file has no NUL at all: one native search settles it.
  if (sample.indexOf(0) < 0) return undefined
  let evenNul = 0
  let oddNul = 0
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] !== 0) continue
    if (i % 2 === 0) evenNul++
    else oddNul++
  }
  const half = sample.length / 2
  if (oddNul > half * 0.6 && evenNul < half * 0.05) return 'utf-16le'
  if (evenNul > half * 0.6 && oddNul < half * 0.05) return 'utf-16be'
  return undefined
}

/** Heuristic used by git and file(1): NUL bytes or many control characters mean "binary". */
export function looksBinary(sample: Uint8Array): boolean {
  if (sample.length === 0) return false
  if (sample.indexOf(0) >= 0) return true
  // An indexed loop: iterating a typed array with for…of was a tenth of a 10,000-file scan.
  let control = 0
  for (let i = 0; i < sample.length; i++) {
    const byte = sample[i]!
    if (byte < 0x09 || (byte > 0x0d && byte < 0x20 && byte !== 0x1b)) control++
  }
  return control / sample.length > 0.1
}

/** Normalises line endings to \n and counts how many were changed. */
function normaliseLineEndings(text: string): { text: string; changed: number } {
  if (!text.includes('\r')) return { text, changed: 0 }
  let changed = 0
  const out = text.replace(/\r\n?/g, () => {
    changed++
    return '\n'
  })
  return { text: out, changed }
}

/**
 * Decodes a text file's bytes: BOM first, then strict UTF-8, then UTF-16 without BOM, then a
 * statistical guess (chardet) among legacy encodings. Afterwards normalises line endings and
 * repairs double-encoded UTF-8. Pure: same bytes, same result.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const sample = bytes.subarray(0, 64 * 1024)
  const repairs: string[] = []
  let encoding: string
  let guessed = false
  let raw: string

  const bom = detectBom(bytes)
  if (bom) {
    encoding = bom.encoding
    raw = iconv.decode(bytes.subarray(bom.skip), encoding)
  } else {
    const utf16 = detectBomlessUtf16(sample)
    if (utf16) {
      encoding = utf16
      raw = iconv.decode(bytes, encoding)
    } else {
      if (looksBinary(sample)) return { text: '', encoding: 'binary', guessed: false, repairs, binary: true }
      try {
        raw = strictUtf8.decode(bytes)
        encoding = 'utf-8'
      } catch {
        const detected = (chardet.detect(sample) ?? 'windows-1252').toLowerCase()
        encoding = SUPERSETS[detected] ?? detected
        if (encoding === 'utf-8' || !iconv.encodingExists(encoding)) encoding = 'windows-1252'
        guessed = true
        raw = iconv.decode(bytes, encoding)
      }
    }
  }

  const lines = normaliseLineEndings(raw)
  if (lines.changed > 0) repairs.push(`Normalised ${lines.changed} Windows/Mac line endings.`)
  const mojibake = repairMojibake(lines.text)
  if (mojibake.count > 0) {
    repairs.push(`Repaired ${mojibake.count} character${mojibake.count === 1 ? '' : 's'} garbled by double UTF-8 encoding (mojibake).`)
  }
  return { text: mojibake.text.replace(/\u0000/g, ''), encoding, guessed, repairs, binary: false }
}
