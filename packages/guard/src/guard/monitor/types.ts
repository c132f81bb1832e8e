import type { Message } from "../../core/message.js";
import type { Verdict } from "../../core/verdict.js";

/** The exchange a stream monitor watches the answer to. */
export interface MonitorRequest {
  /** The request as sent to the model, system prompt included (after any canary was planted). */
  readonly messages: readonly Message[];
  /** The input check's verdict on that request: an output far more harmful than it is a deviation. */
  readonly inputVerdict?: Verdict;
  /** The canary token planted in the system prompt (see `plantCanary`): seeing it in the output is a leak. */
  readonly canary?: string;
}

export interface MonitorVerdict extends Verdict {
  /**
   * The text this call releases to the client, redactions applied. Characters that may still be
   * part of a secret or a card number are held back until a later push or `end()` settles them;
   * once the stream is halted nothing more is released.
   */
  readonly emit: string;
}

/** Watches one model output as it streams. */
export interface StreamMonitor {
  /** Feeds the output's next piece; the verdict covers the output so far. */
  push(chunk: string): MonitorVerdict;
  /** The output is complete: releases what was held back and gives the final verdict. */
  end(): MonitorVerdict;
  /** True once a verdict was `halt`: later pushes release nothing. */
  readonly halted: boolean;
  /** Characters of output pushed so far. */
  readonly length: number;
}
