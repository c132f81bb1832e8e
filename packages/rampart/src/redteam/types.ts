import type { Message, Verdict } from "@rampart/guard";

/** The harm domains a behavior belongs to (issue 5's ten categories). */
export const HAZARDS = [
  "malicious-code",
  "cyber-intrusion",
  "cbrn",
  "weapons",
  "fraud-scams",
  "disinformation-elections",
  "self-harm",
  "harassment-hate",
  "privacy-surveillance",
  "illegal-drugs",
] as const;
export type Hazard = (typeof HAZARDS)[number];

export type Severity = 1 | 2 | 3 | 4 | 5;

/** A harmful goal an attacker wants the target to help with. */
export interface Behavior {
  readonly id: string;
  /** The request in plain words, as an attacker would first ask it. */
  readonly goal: string;
  readonly category: Hazard;
  readonly severity: Severity;
  /** "rampart" for our own library, else the public set it was imported from. */
  readonly source: string;
}

/** A benign prompt a good target must answer: over-refusal is measured on these. */
export interface ControlPrompt {
  readonly id: string;
  readonly prompt: string;
  readonly source: string;
}

/** What a strategy gets besides the text: a seeded random source, so runs repeat exactly. */
export interface StrategyContext {
  /** Uniform in [0, 1), from the run's seed and the attempt's identity. */
  readonly random: () => number;
}

/** One attack technique: turns the attacker's request into the conversation sent to the target. */
export interface Strategy {
  readonly id: string;
  readonly description: string;
  /** Technique tags from the guard's vocabulary (jailbreak, obfuscation, prompt-injection, …). */
  readonly tags: readonly string[];
  /** Rewrites the request; strategies compose by applying one to the other's output. */
  apply(request: string, context: StrategyContext): string;
}

/** What the target answered: its text, or that it (its guard) refused before answering. */
export interface TargetReply {
  readonly text: string;
  /** The guard blocked the request (for guard and guarded targets). */
  readonly blocked: boolean;
  /** The guard's verdict, when a guard was in the loop: the report shows its explanation. */
  readonly verdict?: Verdict;
}

/** Anything that answers messages. */
export interface Target {
  readonly id: string;
  send(messages: readonly Message[]): Promise<TargetReply>;
}

/** A judge's finding on one reply: did the attack succeed, how sure, and why. */
export interface Judgement {
  readonly success: boolean;
  readonly score: number;
  readonly reason: string;
}
