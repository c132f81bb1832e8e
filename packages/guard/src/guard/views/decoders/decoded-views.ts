import type { Span } from "../../../core/signal.js";
import { quote } from "../findings.js";
import { type Mapped, MappedBuilder } from "../mapped.js";

/** Decoded payloads this short carry no instruction worth a view. */
export const MIN_DECODED_CHARS = 4;
const MAX_SPANS = 64;

export interface DecodedView {
  /** e.g. "base64url"; every piece decoded under this name, a newline between pieces. */
  readonly name: string;
  readonly mapped: Mapped;
  /** Where the encoded stretches that are evidence sit in the original; empty when none is. */
  readonly evidence: readonly Span[];
  /** Says what the first evidence piece decodes to, for the signal's reason. */
  readonly reason: string;
}

interface Group {
  readonly builder: MappedBuilder;
  readonly evidence: Span[];
  reason: string;
}

/**
 * Where decoders write: every piece of one name goes straight into one builder, so a text with
 * thousands of small encoded stretches makes one view, not thousands of intermediate strings.
 * A piece is begun, written, then committed or abandoned (which rolls the builder back).
 */
export class DecodedViews {
  private readonly groups = new Map<string, Group>();
  private group: Group | undefined;
  private joinerAt = 0;
  private pieceAt = 0;

  /** `seen` holds encoded stretches already decoded higher up, so inline views do not repeat them. */
  constructor(private readonly seen: Set<string>) {}

  /** Starts a piece of the named view; write its units to the returned builder. */
  begin(name: string): MappedBuilder {
    let group = this.groups.get(name);
    if (group === undefined) {
      group = { builder: new MappedBuilder(), evidence: [], reason: "" };
      this.groups.set(name, group);
    }
    this.group = group;
    const builder = group.builder;
    this.joinerAt = builder.length;
    if (builder.length > 0) builder.push(0x0a, builder.lastEnd(), builder.lastEnd());
    this.pieceAt = builder.length;
    return builder;
  }

  /** Where the current piece's units start in its builder. */
  get start(): number {
    return this.pieceAt;
  }

  abandon(): void {
    this.group?.builder.truncate(this.joinerAt);
    this.group = undefined;
  }

  /**
   * Keeps the current piece, encoded at `spans` of the original. `sources[k]` is the encoded text behind `spans[k]` as this layer has it: together they tell
   * a stretch decoded twice (an entity met again inside a url view) from a nested one (base64
   * inside base64 maps to the same span, but its encoded text differs). A piece whose every
   * stretch was decoded before is dropped. Returns whether the piece was kept.
   */
  commit(piece: { spans: readonly Span[]; sources: readonly string[]; evidence: boolean; describe: string }): boolean {
    const group = this.group;
    if (group === undefined) return false;
    const { spans, evidence, describe } = piece;
    const builder = group.builder;
    const keys = spans.map((span, k) => {
      const source = piece.sources[k] ?? "";
      return `${describe}:${span.start}:${span.end}:${source.length}:${source.slice(0, 64)}`;
    });
    if (builder.length === this.pieceAt || keys.every((key) => this.seen.has(key))) {
      this.abandon();
      return false;
    }
    for (const key of keys) this.seen.add(key);
    if (evidence) {
      if (group.reason === "") group.reason = `${describe} ${quote(builder.textOf(this.pieceAt, this.pieceAt + 80))}`;
      for (const span of spans) if (group.evidence.length < MAX_SPANS) group.evidence.push(span);
    }
    this.group = undefined;
    return true;
  }

  views(): DecodedView[] {
    return [...this.groups]
      .filter(([, group]) => group.builder.length > 0)
      .map(([name, group]) => ({
        name,
        mapped: group.builder.build(),
        evidence: group.evidence,
        reason: group.reason,
      }));
  }
}
