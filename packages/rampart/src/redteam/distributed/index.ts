/**
 * Distributed red-team runs: a coordinator enqueues a run's attempts on a pg-boss queue in
 * PostgreSQL, any number of `rampart redteam worker` processes do them, and the coordinator waits
 * for the results in the store, then scores and reports them as it would a local run.
 */
export { type EnqueuedRun, type EnqueueOptions, enqueueRun } from "./enqueue.js";
export {
  type AttemptJob,
  attemptJobId,
  attemptOf,
  DEFAULT_QUEUE_SCHEMA,
  jobOf,
  openQueue,
  type QueueOptions,
  REDTEAM_QUEUE,
} from "./queue.js";
export { RunIncompleteError, type WaitOptions, waitForRun } from "./wait.js";
export { runWorker, type WorkerOptions, type WorkerSummary } from "./worker.js";
