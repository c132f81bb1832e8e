import type { OutputScanner } from "../scanner.js";
import { assignmentIn } from "./assignments.js";
import { TOKEN } from "./char-classes.js";
import { Findings, finding } from "./finding.js";
import { keysIn, MIN_KEY_LENGTH } from "./key-patterns.js";
import { type PemBlock, PemBlocks } from "./pem.js";
import { RunReader } from "./runs.js";
import { runRange, visible } from "./visible.js";

const ID = "secrets";

/** Longer than any key or token worth finding (JWTs run to a few KB); a longer run is an opaque blob. */
const MAX_RUN = 4096;
/** Enough text before a value to hold `"client_secret_key": "`. */
const CONTEXT = 64;
/** A private key block with no END line is cut here (an RSA-4096 key is about 3.3 KB). */
const PEM_CAP = 16 * 1024;
/** Shortest value a `password = …` assignment is read for. */
const MIN_VALUE = 8;
/** A secret-sounding name is weaker evidence than a vendor's key format, but still enough to redact. */
const ASSIGNMENT_SCORE = 0.7;

/**
 * Credentials in the output: vendor API keys and tokens, JWTs, PEM private key blocks, and
 * random-looking values assigned to secret-sounding names. Invisible characters inside a key do
 * not hide it: runs are read with them removed, and the span covers them.
 */
export const secrets: OutputScanner = {
  id: ID,
  start() {
    const tokens = new RunReader(TOKEN, { cap: MAX_RUN, minLength: MIN_VALUE, context: CONTEXT });
    const pem = new PemBlocks(PEM_CAP);
    let length = 0;
    const found = new Findings();

    const onToken = (run: string, start: number) => {
      const seen = visible(run);
      const keys = seen.text.length >= MIN_KEY_LENGTH ? keysIn(seen.text) : [];
      for (const key of keys) {
        const { start: s, end: e } = runRange(seen, key.start, key.end);
        found.push(finding(ID, "secret-exposure", key.score, start + s, start + e, key.name));
      }
      if (keys.length > 0) return;
      const assigned = assignmentIn(() => tokens.before(), seen.text);
      if (assigned === undefined) return;
      const { start: s, end: e } = runRange(seen, assigned.start, assigned.end);
      const reason = `a random-looking value assigned to "${assigned.name}"`;
      found.push(finding(ID, "secret-exposure", ASSIGNMENT_SCORE, start + s, start + e, reason));
    };

    function blocks(list: readonly PemBlock[]): void {
      for (const block of list) {
        const reason = block.capped
          ? `a PEM private key block with no END line within ${PEM_CAP} characters`
          : "a PEM private key block";
        found.push(finding(ID, "secret-exposure", 0.95, block.start, block.end, reason));
      }
    }

    return {
      push(text, offset) {
        length = offset + text.length;
        tokens.push(text, offset, onToken);
        blocks(pem.push(text, offset));
        return found.take();
      },
      pending() {
        const token = tokens.pendingStart < 0 ? 0 : length - tokens.pendingStart;
        return Math.max(token, pem.pending(length));
      },
      end() {
        tokens.end(onToken);
        blocks(pem.end());
        return found.take();
      },
    };
  },
};
