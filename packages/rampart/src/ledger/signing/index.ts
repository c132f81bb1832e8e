export {
  type Checkpoint,
  formatCheckpointBody,
  openCheckpoint,
  parseCheckpointBody,
  signCheckpoint,
} from "./checkpoint.js";
export {
  type Envelope,
  type EnvelopeRejection,
  envelopeSchema,
  MAX_ENVELOPE_PAYLOAD_BYTES,
  MAX_ENVELOPE_SIGNATURES,
  pae,
  signEnvelope,
  type VerifiedEnvelope,
  verifyEnvelope,
} from "./dsse.js";
export { generateSigner, keyNameProblem, parseSigner, parseVerifier, type Signer, type Verifier } from "./note-keys.js";
export type { Rejection } from "./rejection.js";
export {
  MAX_NOTE_BYTES,
  MAX_NOTE_SIGNATURES,
  type NoteRejection,
  type OpenedNote,
  openNote,
  signNote,
} from "./signed-note.js";
export {
  buildStatement,
  checkStatementDigest,
  decodeStatement,
  encodeStatement,
  MAX_STATEMENT_BYTES,
  PAYLOAD_TYPE,
  PREDICATE_TYPE,
  STATEMENT_TYPE,
  type Statement,
  type StatementInput,
  statementSchema,
} from "./statement.js";
