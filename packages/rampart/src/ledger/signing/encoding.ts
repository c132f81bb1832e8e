import { createHash } from "node:crypto";

const STANDARD = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const URL_SAFE = /^[A-Za-z0-9_-]*$/;

/** UTF-8 bytes of a string. */
export function utf8(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, "utf8"));
}

/** SHA-256 of some bytes. */
export function sha256(data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash("sha256").update(data).digest());
}

/** Lowercase hex of some bytes. */
export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("hex");
}

/** Standard padded base64 (RFC 4648 §4) of some bytes. */
export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64");
}

/**
 * Decodes standard padded base64, or undefined when the text is not its canonical form: Buffer alone
 * skips stray characters and ignores the unused low bits of the last symbol, so two different texts
 * could carry one signature.
 */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (!STANDARD.test(text)) return undefined;
  const bytes = Buffer.from(text, "base64");
  return bytes.toString("base64") === text ? new Uint8Array(bytes) : undefined;
}

/** Like {@link decodeBase64}, also taking the URL-safe alphabet (padded or not), which DSSE verifiers must accept. */
export function decodeBase64Either(text: string): Uint8Array | undefined {
  const standard = decodeBase64(text);
  if (standard !== undefined || !URL_SAFE.test(text.replace(/={1,2}$/, ""))) return standard;
  const bytes = Buffer.from(text, "base64url");
  const unpadded = bytes.toString("base64url");
  const padded = unpadded.padEnd(Math.ceil(unpadded.length / 4) * 4, "=");
  return text === unpadded || text === padded ? new Uint8Array(bytes) : undefined;
}
