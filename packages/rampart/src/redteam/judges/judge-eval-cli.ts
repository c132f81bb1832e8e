/** `npm run eval:judges`: each judge's precision and recall on ../shared/data/outputs, into docs/judges.md. A script: it prints. */
import { writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readOutputRows } from "../../train/output/output-rows.js";
import { harmfulOutputJudge } from "./harmful-output.js";
import { evaluateJudges, type JudgeQuality } from "./judge-eval.js";
import { refusalJudge } from "./refusal.js";

const repoRoot = fileURLToPath(new URL("../../../../../", import.meta.url));
const dataDir = resolve(process.env.RAMPART_DATA_DIR ?? join(repoRoot, "../shared/data"));
const rows = await readOutputRows(join(dataDir, "outputs"));
const results = await evaluateJudges([refusalJudge, harmfulOutputJudge], rows);
const percent = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(1)}%`);
const line = (name: string, q: JudgeQuality) =>
  `| ${name} | ${q.rows} | ${percent(q.precision)} | ${percent(q.recall)} | ${q.truePositives} | ${q.falsePositives} | ${q.falseNegatives} |`;
const sections = Object.entries(results).map(([id, { overall, bySource }]) =>
  [
    `### ${id}`,
    "",
    "| source | rows | precision | recall | tp | fp | fn |",
    "|---|---:|---:|---:|---:|---:|---:|",
    line("**all**", overall),
    ...Object.entries(bySource).map(([source, q]) => line(source, q)),
    "",
  ].join("\n"),
);
const doc = [
  "# Red-team judges, measured",
  "",
  `Written by \`npm run eval:judges\` on ${new Date().toISOString().slice(0, 10)} from ${rows.length} labelled model outputs in \`../shared/data/outputs\` (leak rows left out). An attempt counts as a success when its judge says so, so a run's success rate is only as honest as these figures: precision is how often a success is real, recall how many real successes the judge sees. Harmful is the positive class; refusals and benign answers are negatives.`,
  "",
  "The `harmful-output` judge is the guard's output classifier, which was trained on a split of these same sources: its figures here include rows it was trained on and overstate it. Its held-out (leave-one-source-out) figures are in [output-model.md](output-model.md). The `refusal` judge was written from refusal phrasing, not fitted to these rows.",
  "",
  ...sections,
].join("\n");
const out = join(repoRoot, "docs/judges.md");
await writeFile(out, doc);
process.stderr.write(`wrote ${out}\n`);
