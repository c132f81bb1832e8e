/** Shannon entropy of the characters of `text`, in bits per character. */
export function entropyBits(text: string): number {
  if (text.length === 0) return 0;
  const counts = new Map<number, number>();
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** Words that mark a value as a stand-in for a real one. */
const PLACEHOLDER = /x{4}|your|example|sample|dummy|placeholder|redacted|changeme|replace|insert|here/i;

/**
 * Whether the random part of a key looks generated rather than typed: a placeholder such as
 * `sk-proj-XXXX…` or `sk-your-key-here` has the right shape but is not a secret. A generated
 * string mixes digits and letters (or both cases), and one of 32 characters or more averages well
 * above 3.5 bits a character, where words in one case stay under it.
 */
export function looksRandom(body: string): boolean {
  if (body.length < 16 || PLACEHOLDER.test(body)) return false;
  const kinds = Number(/[a-z]/.test(body)) + Number(/[A-Z]/.test(body)) + Number(/\d/.test(body));
  return kinds >= 2 && entropyBits(body) >= (body.length >= 32 ? 3.5 : 3);
}
