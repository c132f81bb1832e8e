export { type LabelledRow, labelledRowSchema } from "./bench/dataset.js";
export type { Latency, Quality } from "./bench/metrics.js";
export type { BenchSummary } from "./bench/run.js";
export type { CliIo, OutStream } from "./cli/io.js";
export { EXIT, main } from "./cli/main.js";
export { type MemoryIo, type MemoryIoOptions, memoryIo } from "./cli/memory-io.js";
export { type CheckRow, checkRowSchema } from "./io/rows.js";
export { loadPolicy, type PolicyIssue, parsePolicy } from "./policy/load.js";
export { policySchema } from "./policy/schema.js";
