import type { Message } from "../../core/message.js";
import type { Signal } from "../../core/signal.js";
import type { Verdict } from "../../core/verdict.js";
import type { Policy } from "../policy/policy.js";

/** What an output scanner knows about the exchange whose answer it watches. */
export interface OutputContext {
  /** The request the output answers, system prompt included. */
  readonly messages: readonly Message[];
  /** The canary token planted in the system prompt, if the guard planted one. */
  readonly canary?: string;
  /** The input check's verdict on the request, when the caller has one. */
  readonly inputVerdict?: Verdict;
  /** The guard's policy, for scanners whose scores map model operating points onto its thresholds. */
  readonly policy: Policy;
}

/**
 * One scanner's state over one output stream. The monitor appends text in order; a scanner reads
 * each piece once, carrying only a bounded tail across pieces, so the cost of a push is
 * proportional to the piece, not to the output so far.
 */
export interface OutputScan {
  /**
   * `text` is the output's next piece; it starts at `offset` in the whole output. Returns the
   * findings this piece completes, with spans in whole-output coordinates.
   */
  push(text: string, offset: number): Signal[];
  /**
   * How many characters at the end of the output so far may still turn out to be part of a
   * finding (a key or card number cut by a chunk boundary): the monitor holds them back from
   * the client until the next piece or the end settles them.
   */
  pending(): number;
  /** The output is complete: findings that needed to know that. */
  end(): Signal[];
}

/** An extension point of the output side: every scanner has this shape and sits in one list. */
export interface OutputScanner {
  readonly id: string;
  start(context: OutputContext): OutputScan;
}
