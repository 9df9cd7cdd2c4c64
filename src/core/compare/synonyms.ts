import { WORDNET_SYNONYMS } from './wordnet-synonyms'

const NONE: readonly string[] = []

/** Word → its synonyms' stems, read from the table the first time a comparison asks. */
let table: Map<string, string> | undefined
function synonymTable(): Map<string, string> {
  if (!table) {
    table = new Map()
    for (const line of WORDNET_SYNONYMS.split('\n')) {
      const space = line.indexOf(' ')
      if (space > 0) table.set(line.slice(0, space), line.slice(space + 1))
    }
  }
  return table
}

/** Base forms an inflected word may come from ("relations" → "relation", "pledged" → "pledge"). */
function baseForms(word: string): string[] {
  const forms = [word]
  if (word.endsWith('ies')) forms.push(`${word.slice(0, -3)}y`)
  else if (word.endsWith('es')) forms.push(word.slice(0, -2), word.slice(0, -1))
  else if (word.endsWith('s') && !word.endsWith('ss')) forms.push(word.slice(0, -1))
  if (word.endsWith('ed')) forms.push(word.slice(0, -2), word.slice(0, -1))
  if (word.endsWith('ing')) forms.push(word.slice(0, -3), `${word.slice(0, -3)}e`)
  return forms
}

const cache = new Map<string, readonly string[]>()

/**
 * Porter2 stems of the words WordNet 3.1 lists as synonyms of a content word in its common
 * senses ("practical" → "pragmat"); none for words with many senses, whose synonyms mislead.
 * Built by scripts/build-synonyms.ts.
 */
export function synonymStemsOf(word: string): readonly string[] {
  let stems = cache.get(word)
  if (!stems) {
    if (cache.size >= 100_000) cache.clear()
    const synonyms = synonymTable()
    const found = baseForms(word).find((form) => synonyms.has(form))
    stems = found ? synonyms.get(found)!.split(' ') : NONE
    cache.set(word, stems)
  }
  return stems
}
