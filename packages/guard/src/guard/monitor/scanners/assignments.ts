import { entropyBits, looksRandom } from "./entropy.js";

/**
 * A secret-sounding name given a value: `password = "…"`, `"api_key": "…"`, `TOKEN=…`,
 * `client_secret => '…'`. Read on the text before a token run and the run itself; the value is the
 * end of the run.
 */
const ASSIGNMENT =
  /(?:^|[^A-Za-z0-9])(?:[A-Za-z0-9]+[_-])*(password|passwd|pwd|secret|secret[_-]?key|api[_-]?key|apikey|access[_-]?key|private[_-]?key|client[_-]?secret|auth[_-]?token|access[_-]?token|token)["'\]]?\s*(?::=|=>|[:=])\s*["'`]?([^\s"'`<>()[\]{},;|\\]{8,200})$/i;

/** Longer than a name, an operator and the longest value read, so the search is bounded. */
const MAX_ASSIGNMENT = 320;

/** A reference, not a value: `os.environ`, `config.password`, `$TOKEN`, `%(password)s`. */
const REFERENCE = /^(?:[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+|[$%@&*:].*)$/;

function characterKinds(value: string): number {
  return (
    Number(/[a-z]/.test(value)) +
    Number(/[A-Z]/.test(value)) +
    Number(/\d/.test(value)) +
    Number(/[^A-Za-z0-9]/.test(value))
  );
}

/**
 * A password mixes three kinds of character at least; a generated secret is long and random.
 * A type (`password: string`), a variable name or a constant in capitals is neither.
 */
function looksSecret(value: string): boolean {
  if (REFERENCE.test(value)) return false;
  if (looksRandom(value)) return true;
  return characterKinds(value) >= 3 && entropyBits(value) >= 2.5 && !/^[A-Z0-9_]+$/.test(value);
}

export interface AssignmentMatch {
  /** The name the value was assigned to. */
  readonly name: string;
  /** Offsets of the value in the run. */
  readonly start: number;
  readonly end: number;
}

/** A name and operator at the start of the run (`PASSWORD=…`), before a value of 8 characters or more. */
const LEADING_NAME = /^[^:=]*[:=]["'`]?(?=[^:=]{8})/;

/**
 * The secret value assigned at the end of `run`, given the text before it. The value is checked
 * first: most runs are words that look nothing like a secret, and reading the text before costs more.
 */
export function assignmentIn(before: () => string, run: string): AssignmentMatch | undefined {
  const value = run.replace(LEADING_NAME, "");
  if (value.length < 8 || !looksSecret(value)) return undefined;
  const m = ASSIGNMENT.exec((before() + run).slice(-MAX_ASSIGNMENT));
  if (m === null) return undefined;
  const assigned = m[2]!;
  if (assigned.length > run.length || !looksSecret(assigned)) return undefined;
  return { name: m[1]!.toLowerCase(), start: run.length - assigned.length, end: run.length };
}
