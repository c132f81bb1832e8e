/**
 * Ed25519 keys in the encodings of C2SP signed notes (c2sp.org/signed-note) and Go's
 * golang.org/x/mod/sumdb/note, so that keys work unchanged with Go tooling:
 *
 *   verifier key  <name>+<key id: 8 hex digits>+<base64(0x01 ‖ 32-byte public key)>
 *   signer key    PRIVATE+KEY+<name>+<key id>+<base64(0x01 ‖ 32-byte seed)>
 *   key id        SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key)[:4]
 *
 * Malformed key text throws RampartError KEY_INVALID; messages never repeat a signer key's text.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from "node:crypto";
import { RampartError } from "@rampart/guard";
import { decodeBase64, sha256, toBase64, toHex, utf8 } from "./encoding.js";

const ED25519 = 0x01;
const SIGNATURE_BYTES = 64;
const PRIVATE_PREFIX = "PRIVATE+KEY+";
// DER headers (RFC 8410) that turn a raw seed or public key into something node:crypto imports.
const PKCS8_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");
const SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex");

/** Checks Ed25519 signatures by one named key. */
export interface Verifier {
  /** The key name: for a transparency log, its origin. */
  readonly name: string;
  readonly keyId: Uint8Array;
  readonly keyIdHex: string;
  /** `<name>+<key id>+<key>`: the text that identifies this key in configuration and in DSSE keyids. */
  readonly verifierKey: string;
  /** Whether `signature` is this key's signature of `message`. */
  verify(message: Uint8Array, signature: Uint8Array): boolean;
}

/** Makes Ed25519 signatures with one named key; the seed stays inside. */
export interface Signer {
  readonly name: string;
  readonly keyId: Uint8Array;
  readonly keyIdHex: string;
  /** The verifier key text of the matching public key. */
  readonly verifierKey: string;
  sign(message: Uint8Array): Uint8Array;
}

/** Why a key name is unusable (empty, a Unicode space, '+', a control character), or undefined when it is fine. */
export function keyNameProblem(name: string): string | undefined {
  if (name === "") return "the key name is empty";
  const shown = JSON.stringify(name);
  if (/\p{White_Space}/u.test(name)) return `the key name ${shown} contains a space`;
  if (name.includes("+")) return `the key name ${shown} contains '+'`;
  if (/[\p{Cc}\p{Cs}]/u.test(name)) return `the key name ${shown} contains a control character or a lone surrogate`;
  return undefined;
}

/** Makes a fresh key pair: the signer key text (keep it secret) and the verifier key text (publish it). */
export function generateSigner(name: string): { signerKey: string; verifierKey: string } {
  const problem = keyNameProblem(name);
  if (problem !== undefined) throw new RampartError("KEY_INVALID", `cannot generate a key: ${problem}`);
  const { privateKey } = generateKeyPairSync("ed25519");
  const seed = new Uint8Array(privateKey.export({ format: "der", type: "pkcs8" }).subarray(PKCS8_PREFIX.length));
  const signer = signerFromSeed(name, seed);
  const signerKey = `${PRIVATE_PREFIX}${name}+${signer.keyIdHex}+${toBase64(withType(seed))}`;
  return { signerKey, verifierKey: signer.verifierKey };
}

/** Reads a signer key (`PRIVATE+KEY+…`); one trailing newline is allowed so a key file can be read as is. */
export function parseSigner(text: string): Signer {
  const key = trimNewline(text);
  if (!key.startsWith(PRIVATE_PREFIX)) {
    throw new RampartError("KEY_INVALID", "invalid signer key: it does not start with PRIVATE+KEY+");
  }
  const { name, keyIdHex, material } = splitKey(key.slice(PRIVATE_PREFIX.length), "signer");
  const signer = signerFromSeed(name, material);
  if (signer.keyIdHex !== keyIdHex) {
    throw new RampartError("KEY_INVALID", `invalid signer key for ${name}: key id ${keyIdHex} does not match the key`);
  }
  return signer;
}

/** Reads a verifier key (`<name>+<key id>+<key>`); one trailing newline is allowed. */
export function parseVerifier(text: string): Verifier {
  const key = trimNewline(text);
  if (key.startsWith(PRIVATE_PREFIX)) {
    throw new RampartError(
      "KEY_INVALID",
      "invalid verifier key: this is a signer (private) key; pass its verifier key",
    );
  }
  const { name, keyIdHex, material } = splitKey(key, "verifier");
  const verifier = verifierFromPublicKey(name, material);
  if (verifier.keyIdHex !== keyIdHex) {
    throw new RampartError(
      "KEY_INVALID",
      `invalid verifier key ${key}: key id ${keyIdHex} does not match the name and key (expected ${verifier.keyIdHex})`,
    );
  }
  return verifier;
}

function trimNewline(text: string): string {
  if (text.endsWith("\r\n")) return text.slice(0, -2);
  return text.endsWith("\n") ? text.slice(0, -1) : text;
}

/** Splits `<name>+<key id>+<base64>`; the base64 may itself contain '+', so only the first two count. */
function splitKey(text: string, kind: "signer" | "verifier"): { name: string; keyIdHex: string; material: Uint8Array } {
  const invalid = (why: string) => new RampartError("KEY_INVALID", `invalid ${kind} key: ${why}`);
  const first = text.indexOf("+");
  const second = first < 0 ? -1 : text.indexOf("+", first + 1);
  if (second < 0) throw invalid("expected <name>+<key id>+<key data>");
  const name = text.slice(0, first);
  const keyIdHex = text.slice(first + 1, second);
  const problem = keyNameProblem(name);
  if (problem !== undefined) throw invalid(problem);
  if (!/^[0-9a-f]{8}$/.test(keyIdHex))
    throw invalid(`the key id ${JSON.stringify(keyIdHex)} is not 8 lowercase hex digits`);
  const data = decodeBase64(text.slice(second + 1));
  if (data === undefined) throw invalid("the key data is not canonical standard base64");
  if (data[0] !== ED25519) {
    const type = data.length === 0 ? "no signature type" : `signature type 0x${toHex(data.subarray(0, 1))}`;
    throw invalid(`${type}; only Ed25519 (0x01) is supported`);
  }
  if (data.length !== 33) throw invalid(`an Ed25519 key is 32 bytes after the type byte, got ${data.length - 1}`);
  return { name, keyIdHex, material: data.subarray(1) };
}

function keyIdOf(name: string, publicKey: Uint8Array): Uint8Array {
  return sha256(Buffer.concat([utf8(name), Buffer.from([0x0a, ED25519]), publicKey])).subarray(0, 4);
}

function signerFromSeed(name: string, seed: Uint8Array): Signer {
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: "der", type: "pkcs8" });
  const { keyId, keyIdHex, verifierKey } = identity(name, rawPublicKey(createPublicKey(privateKey)));
  return { name, keyId, keyIdHex, verifierKey, sign: (message) => new Uint8Array(sign(null, message, privateKey)) };
}

function verifierFromPublicKey(name: string, publicKey: Uint8Array): Verifier {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, publicKey]), format: "der", type: "spki" });
  } catch (error) {
    throw new RampartError("KEY_INVALID", `invalid verifier key for ${name}: not an Ed25519 public key`, {
      cause: error,
    });
  }
  return {
    ...identity(name, publicKey),
    verify: (message, signature) => signature.length === SIGNATURE_BYTES && verify(null, message, key, signature),
  };
}

function identity(
  name: string,
  publicKey: Uint8Array,
): { name: string; keyId: Uint8Array; keyIdHex: string; verifierKey: string } {
  const keyId = keyIdOf(name, publicKey);
  const keyIdHex = toHex(keyId);
  return { name, keyId, keyIdHex, verifierKey: `${name}+${keyIdHex}+${toBase64(withType(publicKey))}` };
}

function rawPublicKey(key: KeyObject): Uint8Array {
  return new Uint8Array(key.export({ format: "der", type: "spki" }).subarray(SPKI_PREFIX.length));
}

/** The signature type byte followed by a raw seed or public key: the key data of both key texts. */
function withType(key: Uint8Array): Uint8Array {
  return Buffer.concat([Buffer.from([ED25519]), key]);
}
