export { type LabelledRow, labelledRowSchema } from "./bench/dataset.js";
export type { Latency, Quality } from "./bench/metrics.js";
export type { BenchSummary } from "./bench/run.js";
export { EXIT } from "./cli/command.js";
export type { CliIo, OutStream } from "./cli/io.js";
export { main } from "./cli/main.js";
export { type MemoryIo, type MemoryIoOptions, memoryIo } from "./cli/memory-io.js";
export { type CheckRow, checkRowSchema } from "./io/rows.js";
export {
  type AttestationBundle,
  type AttestationCheck,
  type AttestRequest,
  attest,
  type EarlierHead,
  type LoggedEntry,
  type LogWriter,
  localLog,
  type VerifyOptions,
  verifyAttestation,
} from "./ledger/attest/index.js";
export { readSigner, readVerifier, writeKeyPair } from "./ledger/keys/key-files.js";
export { type AppendResult, LedgerLog, type LedgerLogOptions, type SignedTreeHead } from "./ledger/log/ledger-log.js";
export { verifyConsistency, verifyInclusion } from "./ledger/merkle/index.js";
export { generateSigner, parseSigner, parseVerifier, type Signer, type Verifier } from "./ledger/signing/index.js";
export { loadPolicy, type PolicyIssue, parsePolicy } from "./policy/load.js";
export { policySchema } from "./policy/schema.js";
export { createProxyApp } from "./server/app.js";
export type { ServerConfig } from "./server/config.js";
export { type ConfigIssue, loadServerConfig, parseServerConfig, ServerConfigError } from "./server/load-config.js";
export type { Limits, ProxyOptions } from "./server/proxy-options.js";
export { type RunningServer, type ServerOptions, startServer } from "./server/start-server.js";
export { openStore, type Queryable, resolveStoreLocation, type Store, type StoreOptions } from "./store/index.js";
