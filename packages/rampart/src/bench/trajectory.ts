import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createGuard, type Guard, type Message, TRAJECTORY_ID } from "@rampart/guard";
import { type LabelledRow, labelledRowSchema } from "./dataset.js";

/** Benign single prompts strung into conversations this long, as a stand-in for long benign chats. */
export const STRUNG_TURNS = 8;
/** Strung conversations per source, at most: enough to see a rise, few enough to run in seconds. */
export const STRUNG_PER_SOURCE = 50;

interface Tally {
  readonly source: string;
  /** The label, with the kind when it says more (`attack (jailbreak)`, `benign (benign-borderline)`). */
  readonly label: string;
  conversations: number;
  turns: number;
  off: number;
  on: number;
}

/**
 * The trajectory layer's effect, as markdown: per source, conversations blocked by `guard.check`
 * with the layer off and on (default policy otherwise). Real multi-turn rows (`messages`) first,
 * then benign single prompts strung into conversations, since the data holds no long benign chats.
 */
export function trajectorySection(dataDir: string): string {
  const rows = readRows(join(dataDir, "prompts"));
  const on = createGuard();
  const off = createGuard({ disabledDetectors: [TRAJECTORY_ID] });
  const { decay, threshold } = on.policy.trajectory;

  const real = tally(
    rows.filter((row) => row.messages !== undefined).map((row) => ({ row, messages: row.messages ?? [] })),
    on,
    off,
  );
  const strung = tally(
    strungConversations(rows.filter((row) => row.label === "benign" && row.messages === undefined)),
    on,
    off,
  );

  return [
    "## Trajectory",
    "",
    `Conversations blocked by \`guard.check(messages)\` with the trajectory layer off and on (decay ${decay}, ` +
      `threshold ${threshold}, the rest of the policy default). Each conversation is checked whole: a turn that ` +
      "blocks, or a trajectory that crosses, at any point blocks it, so this counts conversations stopped at some request.",
    "",
    table(real),
    "",
    `Benign single prompts of each source strung into conversations of ${STRUNG_TURNS} user turns, in file order ` +
      `(at most ${STRUNG_PER_SOURCE} per source). The classifier was trained on 80% of these prompts, so their ` +
      "risks are lower than unseen prompts' would be.",
    "",
    table(strung),
    "",
  ].join("\n");
}

function readRows(promptsDir: string): LabelledRow[] {
  const rows: LabelledRow[] = [];
  for (const file of readdirSync(promptsDir)
    .filter((name) => name.endsWith(".jsonl"))
    .sort()) {
    for (const line of readFileSync(join(promptsDir, file), "utf8").split("\n")) {
      if (line.trim() === "") continue;
      const parsed = labelledRowSchema.safeParse(JSON.parse(line));
      if (parsed.success) rows.push(parsed.data);
    }
  }
  return rows;
}

interface Conversation {
  readonly row: LabelledRow;
  readonly messages: readonly Message[];
}

function strungConversations(rows: readonly LabelledRow[]): Conversation[] {
  const bySource = new Map<string, LabelledRow[]>();
  for (const row of rows) {
    const sourceRows = bySource.get(row.source);
    if (sourceRows === undefined) bySource.set(row.source, [row]);
    else sourceRows.push(row);
  }
  const conversations: Conversation[] = [];
  for (const sourceRows of bySource.values()) {
    const count = Math.min(STRUNG_PER_SOURCE, Math.floor(sourceRows.length / STRUNG_TURNS));
    for (let i = 0; i < count; i++) {
      const turns = sourceRows.slice(i * STRUNG_TURNS, (i + 1) * STRUNG_TURNS);
      conversations.push({ row: turns[0]!, messages: interleave(turns.map((turn) => turn.text)) });
    }
  }
  return conversations;
}

/** User turns with a short assistant answer between them, as a chat API carries them. */
function interleave(turns: readonly string[]): Message[] {
  return turns.flatMap((content, i): Message[] =>
    i === 0
      ? [{ role: "user", content }]
      : [
          { role: "assistant", content: "Done." },
          { role: "user", content },
        ],
  );
}

function tally(conversations: readonly Conversation[], on: Guard, off: Guard): Tally[] {
  const tallies = new Map<string, Tally>();
  for (const { row, messages } of conversations) {
    const label = row.kind === row.label ? row.label : `${row.label} (${row.kind})`;
    const key = `${row.source}\u0000${label}`;
    let entry = tallies.get(key);
    if (entry === undefined) {
      entry = { source: row.source, label, conversations: 0, turns: 0, off: 0, on: 0 };
      tallies.set(key, entry);
    }
    entry.conversations++;
    entry.turns += messages.filter((m) => m.role === "user" || m.role === "tool").length;
    if (off.check(messages).action === "block") entry.off++;
    if (on.check(messages).action === "block") entry.on++;
  }
  return [...tallies.values()];
}

function table(tallies: readonly Tally[]): string {
  if (tallies.length === 0) return "(no such conversations in the data)";
  const lines = [
    "| source | label | conversations | user turns | blocked, off | blocked, on | change |",
    "|---|---|---:|---:|---:|---:|---:|",
  ];
  for (const t of tallies) {
    const change = t.on - t.off;
    lines.push(
      `| ${t.source} | ${t.label} | ${t.conversations} | ${t.turns} | ${share(t.off, t.conversations)} | ` +
        `${share(t.on, t.conversations)} | ${change >= 0 ? "+" : ""}${change} |`,
    );
  }
  return lines.join("\n");
}

function share(count: number, total: number): string {
  return `${count} (${((100 * count) / total).toFixed(1)}%)`;
}
