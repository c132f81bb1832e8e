import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { RampartError } from "@rampart/guard";
import { generateSigner, parseSigner, parseVerifier, type Signer, type Verifier } from "../signing/index.js";

/** The files `writeKeyPair` made: the private signer key (mode 0600) and the public verifier key beside it. */
export interface KeyPairFiles {
  readonly signerFile: string;
  readonly verifierFile: string;
  readonly verifierKey: string;
}

/** Generates a key pair named `name` into `<prefix>.key` and `<prefix>.pub`; never overwrites a key. */
export async function writeKeyPair(prefix: string, name: string): Promise<KeyPairFiles> {
  const { signerKey, verifierKey } = generateSigner(name);
  const signerFile = `${prefix}.key`;
  const verifierFile = `${prefix}.pub`;
  await mkdir(dirname(signerFile), { recursive: true });
  try {
    await writeFile(signerFile, `${signerKey}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") {
      throw new RampartError(
        "KEY_INVALID",
        `${signerFile} already exists: a key is never overwritten; pick another --out.`,
      );
    }
    throw error;
  }
  await writeFile(verifierFile, `${verifierKey}\n`);
  return { signerFile, verifierFile, verifierKey };
}

/** Reads a private signer key file. */
export async function readSigner(file: string): Promise<Signer> {
  return parseSigner(await readKeyFile(file, "signer"));
}

/**
 * A verifier key given inline (`name+keyid+base64`) or as a file holding one: inline text is
 * recognised by its shape, so a path is never mistaken for a key.
 */
export async function readVerifier(textOrFile: string): Promise<Verifier> {
  // Key names may hold '/' (origins look like example.org/log), so the shape is name+8 hex+base64.
  const inline = /^[^\s+]+\+[0-9a-f]{8}\+[A-Za-z0-9+/]+=*$/.test(textOrFile);
  return parseVerifier(inline ? textOrFile : await readKeyFile(textOrFile, "verifier"));
}

/** The log's own key: read from `file`, or created there on first use so the embedded log works with no set-up. */
export async function logSigner(file: string, name: string): Promise<Signer> {
  if (!file.endsWith(".key")) {
    throw new RampartError(
      "KEY_INVALID",
      `The log key file ${file} must end in .key (its public key is written beside it as .pub).`,
    );
  }
  try {
    return await readSigner(file);
  } catch (error) {
    if (!(error instanceof RampartError && error.cause instanceof Error && "code" in error.cause)) throw error;
    if ((error.cause as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  try {
    await writeKeyPair(file.replace(/\.key$/, ""), name);
  } catch (error) {
    // Another process created it between our read and write: use theirs.
    if (!(error instanceof RampartError)) throw error;
  }
  return readSigner(file);
}

async function readKeyFile(file: string, kind: string): Promise<string> {
  try {
    return (await readFile(file, "utf8")).trim();
  } catch (cause) {
    throw new RampartError("KEY_INVALID", `cannot read the ${kind} key file ${file}: ${(cause as Error).message}`, {
      cause,
    });
  }
}
