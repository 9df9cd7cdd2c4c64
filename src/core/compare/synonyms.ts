import table from './wordnet-synonyms.json'

const synonymStems = table as Record<string, string>
const NONE: readonly string[] = []

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
    const found = baseForms(word).find((form) => Object.hasOwn(synonymStems, form))
    stems = found ? synonymStems[found]!.split(' ') : NONE
    cache.set(word, stems)
  }
  return stems
}
