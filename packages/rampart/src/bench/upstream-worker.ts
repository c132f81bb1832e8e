/**
 * The scripted upstream on a thread of its own, for the load runs of the proxy benchmark: a real
 * upstream is another machine, so it must not take event-loop time from the proxy under test.
 */
import { parentPort, workerData } from "node:worker_threads";
import { startScriptedUpstream } from "../server/scripted-upstream.js";

const upstream = await startScriptedUpstream({ pieces: (workerData as { pieces: string[] }).pieces });
parentPort?.postMessage(upstream.url);
parentPort?.once("message", () => {
  void upstream.close().then(() => parentPort?.close());
});
