import type { View } from "../views/view.js";
import { defineDetector } from "./detector.js";
import { Evidence } from "./evidence.js";

/*
 * Many-shot jailbreaking (Anil et al., 2024): one message carries a long fabricated dialogue in
 * which "the assistant" complies again and again, so the real model continues the pattern. The
 * tell is the count of user→assistant exchanges inside one message; a few-shot prompt with a
 * handful of examples stays below the threshold.
 */

/** Role labels at a line start, or inline after a sentence ("…? A: …"), as a transcript writes them. */
const MARKER =
  /(?:^|[\n.?!])[ \t>*_#-]*(?:\*\*)?(user|human|me|q|question|questioner|prompt|input|assistant|ai|a|answer|bot|chatbot|gpt|chatgpt|model|response|output|claude)(?:\*\*)?[ \t]*:/gu;
const USER_SIDE = new Set(["user", "human", "me", "q", "question", "questioner", "prompt", "input"]);
/** Exchanges needed before the dialogue counts as many-shot, with the score each step earns. */
const STEPS: readonly (readonly [exchanges: number, score: number])[] = [
  [64, 0.9],
  [32, 0.85],
  [16, 0.75],
  [8, 0.6],
];
/** Counting stops here: more exchanges add nothing to the score. */
const ENOUGH = 64;

export const manyShot = defineDetector({
  id: "many-shot",
  description:
    "Finds many-shot jailbreaks: a fabricated dialogue of eight or more user/assistant (or Q/A) exchanges inside one message.",
  category: "jailbreak",
  tags: { owasp: ["LLM01:2025"], atlas: ["AML.T0054"] },
  detect(input) {
    const evidence = new Evidence();
    for (const view of input.views) {
      const dialogue = longestDialogue(view);
      const step = STEPS.find(([needed]) => dialogue.exchanges >= needed);
      if (step === undefined) continue;
      evidence.add(
        { kind: "dialogue", label: `fabricated dialogue of ${dialogue.exchanges}+ exchanges`, score: step[1] },
        view,
        dialogue.start,
        dialogue.end,
      );
    }
    return evidence.toSignals(this.id, this.category);
  },
});

/** Counts user→assistant transitions, from the first marker to the last one counted. */
function longestDialogue(view: View): { exchanges: number; start: number; end: number } {
  let exchanges = 0;
  let start = -1;
  let end = 0;
  let lastWasUser = false;
  MARKER.lastIndex = 0;
  for (let m = MARKER.exec(view.text); m !== null; m = MARKER.exec(view.text)) {
    const user = USER_SIDE.has(m[1] ?? "");
    if (start < 0) start = m.index;
    if (!user && lastWasUser) {
      exchanges++;
      end = m.index + m[0].length;
      if (exchanges === ENOUGH) break;
    }
    lastWasUser = user;
    MARKER.lastIndex = m.index + m[0].length;
  }
  MARKER.lastIndex = 0;
  return { exchanges, start: Math.max(0, start), end };
}
