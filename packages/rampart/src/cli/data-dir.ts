import { join, resolve } from "node:path";

/** The labelled prompts: $RAMPART_DATA_DIR/prompts, else ../shared/data/prompts from where rampart runs. */
export function defaultDataDir(): string {
  return resolve(process.env.RAMPART_DATA_DIR ?? join("..", "shared", "data"), "prompts");
}
