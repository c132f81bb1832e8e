/**
 * Common English words and the vocabulary of prompt attacks. Decoders that have no checksum
 * (rot13, reversed text, spaced letters) are trusted only when their output has clearly more of
 * these words than their input.
 */
const WORDS = `a i am an as at be by do go he if in is it me my no of on or so to up us we
the and you that this with for are have not what all your from they will can how about there when
which their would make like just know take into some could them other than then now only its over
also after use two our work first well way even new want because any these give most tell write
answer question please here very was were been being had has did does done said say get got made
who whom whose why where while before again against between under above below each every both few
more much many such own same too should must may might shall need help show find think look come
give keep let put set run turn start stop try call ask feel leave mean seem begin life world hand
part place case week company system program number group problem fact people year time day thing
man woman child good great little long high old big small large next early young important public
bad able right left real best better sure free full true false open close last never always often
something anything nothing everything someone anyone everyone story example information instruction
instructions previous prior ignore ignoring disregard forget override bypass reveal secret secrets
password passwords prompt prompts rules rule guidelines policy policies filter filters safety safe
restriction restrictions restricted unrestricted jailbreak pretend roleplay character developer mode
enabled disable disabled admin administrator root access key keys token tokens confidential hidden
internal original initial message messages text content output input response respond reply user
assistant model chatbot language words word sentence following below print repeat exactly verbatim
now from then instead anymore longer allowed allow cannot dont wont must never ever every command
commands execute code script file files data database email send steal hack hacking exploit attack
weapon weapons bomb explosive kill murder drug drugs illegal harmful dangerous poison malware virus
build create generate explain describe provide detailed step steps guide tutorial how making
decode encoded translate hello thanks thank sorry yes okay fine money bank card credit account
personal private address phone name names home house school water food night morning today tomorrow
meth cocaine heroin gun guns nuclear ransomware phishing suicide sex nude naked racist rob robbery fraud scam`;

export const MAX_WORD = 16;
const MIN_TRANSFORMED = 3;

/** Polynomial hash over lowercase ASCII codes; never 0, which marks an empty slot. */
export function hashWord(word: string): number {
  let h = 0;
  for (let i = 0; i < word.length; i++) h = (h * 31 + word.charCodeAt(i)) | 0;
  return h || 1;
}

/** An open-addressing set of word hashes: a lookup is a multiply and a probe or two. */
export class WordSet {
  private readonly slots = new Int32Array(2048);

  constructor(words: Iterable<string>) {
    for (const word of words) this.insert(hashWord(word));
  }

  has(hash: number): boolean {
    const h = hash || 1;
    const mask = this.slots.length - 1;
    for (let i = (h ^ (h >>> 11)) & mask; ; i = (i + 1) & mask) {
      const slot = this.slots[i] ?? 0;
      if (slot === h) return true;
      if (slot === 0) return false;
    }
  }

  private insert(h: number): void {
    const mask = this.slots.length - 1;
    let i = (h ^ (h >>> 11)) & mask;
    while (this.slots[i] !== 0 && this.slots[i] !== h) i = (i + 1) & mask;
    this.slots[i] = h;
  }
}

export function rot13Code(code: number): number {
  if (code >= 0x61 && code <= 0x7a) return ((code - 0x61 + 13) % 26) + 0x61;
  if (code >= 0x41 && code <= 0x5a) return ((code - 0x41 + 13) % 26) + 0x41;
  return code;
}

function rot13(word: string): string {
  return String.fromCharCode(...Array.from(word, (c) => rot13Code(c.charCodeAt(0))));
}

const list = [...new Set(WORDS.split(/\s+/).filter((w) => w.length > 0))];
const known = new Set(list);

export const ENGLISH = new WordSet(list);

/**
 * Words whose rot13 (or reversal) is itself a word ("be"/"or", "no"/"on", "saw"/"was") say
 * nothing about which way the text runs, so they are left out of the transformed sets.
 */
export const ROT13_ENGLISH = new WordSet(
  list.filter((w) => w.length >= MIN_TRANSFORMED && !known.has(rot13(w)) && rot13(w) !== w),
);
export const REVERSED_ENGLISH = new WordSet(
  list.filter((w) => {
    const reversed = [...w].reverse().join("");
    return w.length >= MIN_TRANSFORMED && reversed !== w && !known.has(reversed);
  }),
);

/** Counts of known words in a stretch of text, as written, rot13'd and reversed. */
export interface WordHits {
  plain: number;
  rot13: number;
  reversed: number;
}

/**
 * Counts known words among the letter runs of text[from, to), case-insensitively. One pass computes
 * the forward hash, the hash of the rot13'd run and the hash of the reversed run together.
 */
export function countWordHits(text: string, from: number, to: number, hits: WordHits): void {
  let length = 0;
  let plain = 0;
  let rotated = 0;
  let reversed = 0;
  let power = 1;
  for (let i = from; i <= to; i++) {
    const code = i < to ? text.charCodeAt(i) | 0x20 : 0;
    if (code >= 0x61 && code <= 0x7a) {
      plain = (plain * 31 + code) | 0;
      rotated = (rotated * 31 + rot13Code(code)) | 0;
      reversed = (reversed + code * power) | 0;
      power = (power * 31) | 0;
      length++;
      continue;
    }
    if (length >= 1 && length <= MAX_WORD) {
      if (ENGLISH.has(plain)) hits.plain++;
      if (length >= MIN_TRANSFORMED) {
        if (ROT13_ENGLISH.has(rotated)) hits.rot13++;
        if (REVERSED_ENGLISH.has(reversed)) hits.reversed++;
      }
    }
    length = plain = rotated = reversed = 0;
    power = 1;
  }
}
