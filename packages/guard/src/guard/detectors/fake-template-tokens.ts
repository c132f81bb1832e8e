import { defineDetector } from "./detector.js";
import { Evidence } from "./evidence.js";
import { words } from "./lexicon.js";
import { TellSet } from "./tells.js";

/*
 * Chat-template control tokens and role headers inside user content: an attempt to end the user's
 * turn and open a system or assistant turn the model will trust. Real control tokens are never
 * typed by users, so they score high; plain-text headers ("System:", "### Instruction:") also
 * occur in pasted prompts and score lower.
 */

const LINE_START = "(?<=(?:^|\\n)[ \\t>*#\\[(]*)";
const CONTROL_TOKENS = `im_start im_end im_sep system user assistant endoftext eot_id start_header_id
  end_header_id begin_of_text end_of_text eom_id end endofprompt fim_prefix fim_middle fim_suffix channel message
  start return call constrain tool_call tool ipython python_tag`
  .trim()
  .split(/\s+/);

const TELLS = new TellSet([
  {
    kind: "control-token",
    label: "chat-template control token",
    score: 0.9,
    start: [
      `<\\|\\s*(?:${CONTROL_TOKENS.join("|")})\\s*\\|>`,
      "<</?sys>>",
      "<(?:start_of_turn|end_of_turn)>",
      "\\[/?inst\\]",
    ],
  },
  {
    kind: "template-token",
    label: "template-like token",
    score: 0.7,
    start: ["<\\|[a-z_]{2,24}\\|>"],
  },
  {
    kind: "bing-system",
    label: "system message link",
    score: 0.85,
    start: ["\\[system\\]\\(#[\\w-]{1,40}\\)"],
  },
  {
    kind: "system-tag",
    label: "system tag",
    score: 0.65,
    start: [
      "</?(?:system|sys|system_prompt|system-prompt|systemprompt|admin|developer|instructions?)>",
      "\\[(?:system|admin|developer)(?:\\s+(?:note|message|prompt|override|instruction))?\\]",
    ],
  },
  {
    kind: "system-header",
    label: "system header",
    score: 0.55,
    before: LINE_START,
    start: words("system sys admin administrator developer root sudo"),
    rest: "(?:[ \\t]+(?:message|prompt|note|override|update|instructions?|alert|notice|command|mode|announcement))?[ \\t]*[\\])*]*[ \\t]*[:：]",
  },
  {
    kind: "markdown-role",
    label: "role header",
    score: 0.45,
    before: "(?<=(?:^|\\n)[ \\t]*#{2,4}[ \\t]*)",
    start: words("instruction instructions human assistant user response input"),
    rest: "[ \\t]*[:：]",
  },
  {
    kind: "markdown-system",
    label: "system role header",
    score: 0.75,
    before: "(?<=(?:^|\\n)[ \\t]*#{2,4}[ \\t]*)",
    start: ["system"],
    rest: "(?:[ \\t]+(?:prompt|message))?[ \\t]*[:：]",
  },
  {
    kind: "assistant-agrees",
    label: "fabricated compliant assistant turn",
    score: 0.7,
    before: "(?<=(?:^|\\n)[ \\t]*)",
    start: words("assistant ai gpt chatgpt bot model claude llama"),
    rest: "[ \\t]*:[ \\t]*(?:sure|absolutely|certainly|of\\s+course|here\\s+is|here[’']s|okay|ok)\\b",
  },
  {
    kind: "assistant-turn",
    label: "assistant turn marker",
    score: 0.3,
    before: "(?<=(?:^|\\n)[ \\t]*)",
    start: words("assistant gpt chatgpt claude"),
    rest: "[ \\t]*:",
  },
  {
    kind: "user-turn",
    label: "user turn marker",
    score: 0.15,
    before: "(?<=(?:^|\\n)[ \\t]*)",
    start: words("human user"),
    rest: "[ \\t]*:",
  },
]);

export const fakeTemplateTokens = defineDetector({
  id: "fake-template-tokens",
  description:
    "Finds chat-template control tokens (<|im_start|>, [INST], <<SYS>>) and forged system or assistant turns inside user content.",
  category: "prompt-injection",
  tags: { owasp: ["LLM01:2025"], atlas: ["AML.T0051.000", "AML.T0051.001"] },
  detect(input) {
    const evidence = new Evidence();
    TELLS.collect(input, evidence);
    // A "User:" line alone is how people paste transcripts; it is evidence only next to another tell.
    if (evidence.size === 1 && evidence.has("user-turn")) return [];
    return evidence.toSignals(this.id, this.category);
  },
});
