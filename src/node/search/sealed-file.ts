import { crc32 } from 'node:zlib'

/**
 * A trailer for cache files: a marker and the CRC-32 of everything before it. The index
 * snapshot's own checks catch a short or foreign file; this also catches a file of the right
 * length with damaged bytes, which would otherwise load and answer searches wrongly.
 */
const SEAL = 0x43584c50 // "PLXC"
const TRAILER_BYTES = 8

export function sealParts(parts: Uint8Array[]): Uint8Array[] {
  let crc = 0
  for (const part of parts) crc = crc32(part, crc)
  const trailer = new DataView(new ArrayBuffer(TRAILER_BYTES))
  trailer.setUint32(0, SEAL, true)
  trailer.setUint32(4, crc, true)
  return [...parts, new Uint8Array(trailer.buffer)]
}

/** The sealed content, or an error saying why it cannot be trusted. */
export function unseal(file: Uint8Array): Uint8Array {
  if (file.byteLength < TRAILER_BYTES) throw new Error('cache file is too short')
  const trailer = new DataView(file.buffer, file.byteOffset + file.byteLength - TRAILER_BYTES, TRAILER_BYTES)
  if (trailer.getUint32(0, true) !== SEAL) throw new Error('cache file has no checksum (older format or truncated)')
  const content = file.subarray(0, file.byteLength - TRAILER_BYTES)
  if (crc32(content) !== trailer.getUint32(4, true)) throw new Error('cache file is damaged (checksum mismatch)')
  return content
}
