const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** The header part of a JWT as text (bytes read as Latin-1: a header is ASCII JSON), or undefined. */
function decodeHeader(part: string): string | undefined {
  if (part.length % 4 === 1) return undefined;
  let out = "";
  let bits = 0;
  let value = 0;
  for (let i = 0; i < part.length; i++) {
    const digit = BASE64URL.indexOf(part[i]!);
    if (digit < 0) return undefined;
    value = (value << 6) | digit;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += String.fromCharCode((value >> bits) & 0xff);
    }
  }
  return out;
}

/** A JWT's first part must decode to a JSON object naming its algorithm: that tells a token from dotted base64. */
export function isJwtHeader(part: string): boolean {
  const text = decodeHeader(part);
  if (text === undefined) return false;
  try {
    const header: unknown = JSON.parse(text);
    return typeof header === "object" && header !== null && typeof (header as { alg?: unknown }).alg === "string";
  } catch {
    return false;
  }
}
