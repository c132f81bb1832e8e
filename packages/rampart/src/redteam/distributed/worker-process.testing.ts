import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { WorkerSummary } from "./worker.js";

/** The built entry the child workers import: they run plain node, so they need `npm run build`. */
export const DIST_INDEX = fileURLToPath(new URL("../../../dist/redteam/distributed/index.js", import.meta.url));
export const DIST_BUILT = existsSync(DIST_INDEX);

const CHILD = fileURLToPath(new URL("fixtures/worker-child.mjs", import.meta.url));

/** A worker in a process of its own; `done` is the file it appends each stored attempt's key to. */
export interface WorkerProcess {
  readonly process: ChildProcess;
  readonly done: string;
  /** Resolves when it exits: its summary after SIGTERM, null after SIGKILL. */
  readonly exited: Promise<WorkerSummary | null>;
}

/**
 * Starts `node fixtures/worker-child.mjs` on the built code. With `freezeAfter`, the worker freezes
 * mid-batch after reporting that many attempts, holding its jobs, until it is killed.
 */
export function startWorker(
  databaseUrl: string,
  schema: string,
  queueSchema: string,
  done: string,
  freezeAfter?: number,
): WorkerProcess {
  const args = [
    CHILD,
    DIST_INDEX,
    databaseUrl,
    schema,
    queueSchema,
    done,
    ...(freezeAfter ? [String(freezeAfter)] : []),
  ];
  const child = spawn(process.execPath, args, {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<WorkerSummary | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (signal === "SIGKILL") resolve(null);
      else if (code === 0) resolve(JSON.parse(stdout.trim()) as WorkerSummary);
      else reject(new Error(`worker exited with ${code ?? signal}: ${stderr}`));
    });
  });
  return { process: child, done, exited };
}

/** The keys a worker reported done so far, one per stored attempt, in order. */
export async function keysDone(file: string): Promise<string[]> {
  const text = await readFile(file, "utf8").catch(() => "");
  return text.split("\n").filter(Boolean);
}

/** Polls until `ready` holds, or throws after `timeoutMs`. */
export async function until(ready: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`not ready within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
