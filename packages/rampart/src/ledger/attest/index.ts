export {
  type Attested,
  type AttestRequest,
  attest,
  type Digested,
  type LoggedEntry,
  type LogWriter,
  localLog,
} from "./attest.js";
export { type AttestationBundle, BUNDLE_MEDIA_TYPE, base64Hash, bundleSchema, logEntryOf } from "./bundle.js";
export {
  type AttestationCheck,
  type EarlierHead,
  type FailedVerification,
  type VerifiedAttestation,
  type VerifyOptions,
  verifyAttestation,
} from "./verify-attestation.js";
