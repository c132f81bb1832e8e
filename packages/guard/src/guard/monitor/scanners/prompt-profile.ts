import type { Message } from "../../../core/message.js";
import { fmix32 } from "../../signatures/hash32.js";
import { WORD_KIND, type WordKind, WordStream } from "./word-stream.js";

/** Words per shingle: long enough that two texts sharing one share a phrase, not a collocation. */
export const SHINGLE = 4;
/** A system prompt shorter than this has nothing worth protecting that the canary does not cover. */
export const MIN_PROMPT_WORDS = 8;
/** Bounds the per-token work of the ordered-token evidence. */
const MAX_DISTINCTIVE = 256;
/** Profiles kept: an application sends the same system prompt with every request, so one is built once. */
const CACHE_SIZE = 16;

/** What the leak scanner compares an output with, computed once per system prompt. */
export interface PromptProfile {
  readonly words: number;
  /** Hash of each distinct word shingle → its index. */
  readonly shingles: ReadonlyMap<number, number>;
  /** Per shingle index: 1 when it counts towards the fraction reproduced (not only short words). */
  readonly counted: Uint8Array;
  readonly countedTotal: number;
  /** Exact hash of each distinctive token (name, number, identifier, URL part) → order of first use. */
  readonly distinctive: ReadonlyMap<number, number>;
}

interface Word {
  readonly folded: number;
  readonly exact: number;
  readonly start: number;
  readonly end: number;
  readonly kind: WordKind;
}

/** Hash of SHINGLE consecutive folded word hashes, oldest first. */
export function shingleHash(words: ArrayLike<number>, first: number, size: number): number {
  let h = 0x5350_4c4b;
  for (let k = 0; k < SHINGLE; k++) h = Math.imul(h ^ words[(first + k) % size]!, 0x01000193);
  return fmix32(h);
}

/** The system prompt(s) of a request, without the line `plantCanary` added. */
export function systemPromptOf(messages: readonly Message[]): string {
  return messages
    .filter((m) => m.role === "system")
    .map((m) =>
      m.content
        .split("\n")
        .filter((line) => !line.includes("rampart-canary-"))
        .join("\n"),
    )
    .join("\n")
    .trim();
}

const cache = new Map<string, PromptProfile>();

export function promptProfile(prompt: string): PromptProfile {
  const cached = cache.get(prompt);
  if (cached !== undefined) return cached;
  const profile = buildProfile(prompt);
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(prompt, profile);
  return profile;
}

function buildProfile(prompt: string): PromptProfile {
  const words: Word[] = [];
  const stream = new WordStream((folded, exact, start, end, kind) => words.push({ folded, exact, start, end, kind }));
  stream.push(prompt, 0);
  stream.end();

  const shingles = new Map<number, number>();
  const countedList: number[] = [];
  const folded = words.map((w) => w.folded);
  for (let i = 0; i + SHINGLE <= words.length; i++) {
    const hash = shingleHash(folded, i, folded.length);
    if (shingles.has(hash)) continue;
    shingles.set(hash, shingles.size);
    countedList.push(words.slice(i, i + SHINGLE).every((w) => isShort(w)) ? 0 : 1);
  }
  const counted = Uint8Array.from(countedList);
  return {
    words: words.length,
    shingles,
    counted,
    countedTotal: countedList.reduce((a, b) => a + b, 0),
    distinctive: distinctiveTokens(prompt, words),
  };
}

/** "it", "is", "of the": a shingle made only of these is shared by any two English texts. */
function isShort(word: Word): boolean {
  return word.kind === WORD_KIND.latin && word.end - word.start <= 3;
}

const URL = /\b(?:https?:\/\/|www\.)[^\s)>\]"'`]+/g;
const URL_PARTS = new Set(["http", "https", "www", "com", "org", "net", "io", "html", "htm"]);
/** Markup and quotes skipped when looking for what precedes a word. */
const LEAD_IN = /[ \t*#>\-"'“”‘’([`_]/;
const SENTENCE_END = /[.!?:;。！？：]/;

/**
 * Tokens a translation keeps: names, numbers, code identifiers and URL parts. A capitalised word
 * counts when it stands inside a sentence somewhere and the prompt never writes it in lower case
 * (outside URLs): "Claude" and "Skyline" do, "You" and "The" do not.
 */
function distinctiveTokens(prompt: string, words: readonly Word[]): Map<number, number> {
  const latin = words.filter((w) => w.kind === WORD_KIND.latin);
  const urls = [...prompt.matchAll(URL)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const inUrl = (word: Word) => urls.some((u) => u.start <= word.start && word.end <= u.end);
  const lowercase = new Set<number>();
  const midSentence = new Set<number>();
  for (const word of latin) {
    const raw = prompt.slice(word.start, word.end);
    if (/^[a-z]+$/.test(raw) && !inUrl(word)) lowercase.add(word.folded);
    if (/^[A-Z][a-z]+$/.test(raw) && !opensSentence(prompt, word.start)) midSentence.add(word.folded);
  }
  const out = new Map<number, number>();
  for (const word of latin) {
    if (out.size >= MAX_DISTINCTIVE) break;
    if (out.has(word.exact)) continue;
    const raw = prompt.slice(word.start, word.end);
    const distinctive = inUrl(word)
      ? !URL_PARTS.has(raw.toLowerCase()) && raw.length >= 3
      : isNumberOrIdentifier(raw) ||
        (/^[A-Z][a-z]+$/.test(raw) && midSentence.has(word.folded) && !lowercase.has(word.folded));
    if (distinctive) out.set(word.exact, out.size);
  }
  return out;
}

/** `2024`, `3.5`, `GPT4`, `search_web`, `OpenAI`, `JSON`; not a lone digit, not `_`. */
function isNumberOrIdentifier(raw: string): boolean {
  if (/^\d+$/.test(raw)) return raw.replace(/^0+/, "").length >= 2;
  if (/\d/.test(raw)) return true;
  if (/_/.test(raw)) return /[A-Za-z]/.test(raw);
  return /^[A-Za-z]+$/.test(raw) && /[A-Z]/.test(raw.slice(1)) && raw.length >= 2;
}

function opensSentence(text: string, start: number): boolean {
  let i = start - 1;
  while (i >= 0 && LEAD_IN.test(text[i]!)) i--;
  return i < 0 || text[i] === "\n" || SENTENCE_END.test(text[i]!);
}
