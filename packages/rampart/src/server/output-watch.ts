import { ACTION_RANK, type MonitorVerdict, type StreamMonitor } from "@rampart/guard";

/**
 * The stream monitors of one answer, one per output text (an OpenAI choice, an Anthropic text
 * block): each has its own hold-back, so held text is released into the text it belongs to.
 */
export class OutputWatch {
  private readonly monitors = new Map<number, StreamMonitor>();
  private strongest: MonitorVerdict | undefined;

  constructor(private readonly startMonitor: () => StreamMonitor) {}

  /** Feeds the next piece of output text `key`. */
  push(key: number, text: string): MonitorVerdict {
    return this.keep(this.monitorFor(key).push(text));
  }

  /** Output text `key` is complete: releases what its monitor held back. */
  end(key: number): MonitorVerdict {
    const verdict = this.keep(this.monitorFor(key).end());
    this.monitors.delete(key);
    return verdict;
  }

  /** Keys of the texts started and not yet ended, in the order they started. */
  open(): number[] {
    return [...this.monitors.keys()];
  }

  /** The strongest verdict any monitor gave so far: what the answer as a whole is logged and counted as. */
  get verdict(): MonitorVerdict | undefined {
    return this.strongest;
  }

  get halted(): boolean {
    return this.strongest?.action === "halt";
  }

  private monitorFor(key: number): StreamMonitor {
    let monitor = this.monitors.get(key);
    if (monitor === undefined) {
      monitor = this.startMonitor();
      this.monitors.set(key, monitor);
    }
    return monitor;
  }

  private keep(verdict: MonitorVerdict): MonitorVerdict {
    // On a tie the later verdict wins: it has seen more of the output.
    if (this.strongest === undefined || ACTION_RANK[verdict.action] >= ACTION_RANK[this.strongest.action]) {
      this.strongest = verdict;
    }
    return verdict;
  }
}
