import type { Signal } from "../../core/signal.js";
import { type DecodedView, DecodedViews } from "./decoders/decoded-views.js";
import type { Decoder } from "./decoders/decoder.js";
import { DECODERS } from "./decoders/registry.js";
import { Findings, SCORES } from "./findings.js";
import { foldedView } from "./folded.js";
import { stripInvisible } from "./invisible.js";
import { identityMapped, type Mapped, retext } from "./mapped.js";
import { scan } from "./scan.js";
import { skeleton } from "./skeleton.js";
import { foldCompatibility } from "./unicode-fold.js";
import type { View } from "./view.js";

export interface CanonicaliseLimits {
  /** Deepest chain of nested encodings decoded (base64 inside hex inside …). */
  readonly maxDepth: number;
  /** Total code units all views together may hold, as a multiple of the input length. */
  readonly maxExpansion: number;
}

export const DEFAULT_LIMITS: CanonicaliseLimits = { maxDepth: 3, maxExpansion: 8 };

export interface Canonical {
  /** views[0] is the canonical view of the whole input. */
  readonly views: View[];
  /** One obfuscation signal per kind of obfuscation found. */
  readonly signals: Signal[];
}

/** Room beyond maxExpansion × length, so a short input can still show a decoded payload. */
const EXPANSION_ALLOWANCE = 256;
/** Detectors scan every view; past this many, more views cost more than they reveal. */
const MAX_VIEWS = 32;

const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Renders the input as the views detectors scan: "canonical" (NFKC, invisibles removed, hidden
 * tag and selector text revealed in place, look-alikes folded, lowercase), "folded" (leetspeak
 * and spaced letters, when present), and one view per chain of decodings found ("base64",
 * "hex>rot13"). Every kind of obfuscation found is also a signal. Never throws; linear in the
 * input; all views together stay within the limits.
 */
export function canonicalise(original: string, limits: CanonicaliseLimits = DEFAULT_LIMITS): Canonical {
  const session = new Session(original.length, limits);
  session.layer(identityMapped(original), 0, "");
  return { views: session.views, signals: session.findings.signals() };
}

/** The clean text decoders read (case kept) and the canonical view detectors read. */
function canonicalForms(src: Mapped, findings: Findings): { clean: Mapped; canonical: Mapped } {
  if (!NON_ASCII.test(src.text)) return { clean: src, canonical: retext(src, src.text.toLowerCase()) };
  const clean = foldCompatibility(stripInvisible(src, findings), findings);
  return { clean, canonical: skeleton(clean, findings) };
}

class Session {
  readonly views: View[] = [];
  readonly findings = new Findings();
  private readonly seen = new Set<string>();
  private room: number;

  constructor(
    length: number,
    private readonly limits: CanonicaliseLimits,
  ) {
    this.room = Math.max(0, limits.maxExpansion) * length + EXPANSION_ALLOWANCE;
  }

  layer(src: Mapped, depth: number, chain: string): void {
    const { clean, canonical } = canonicalForms(src, this.findings);
    if (depth > 0 && !this.fits(canonical.text.length)) return;
    this.add(chain === "" ? "canonical" : chain, canonical, depth);
    const features = scan(canonical.text);
    const folded = foldedView(canonical, features, this.findings);
    if (folded !== null && this.fits(folded.text.length)) {
      this.add(chain === "" ? "folded" : `${chain}>folded`, folded, depth);
    }
    if (depth >= this.limits.maxDepth) return;
    // Every decoder runs on this layer before any nested layer, so decodings of the input itself
    // claim the budget (and the encoded stretches) before decodings of decodings do.
    const decoded: { view: DecodedView; name: string }[] = [];
    for (const decoder of DECODERS) {
      if (!decoder.wanted(features) || undoesItself(decoder, chain)) continue;
      const out = new DecodedViews(this.seen);
      decoder.decode(clean, out);
      for (const view of out.views()) {
        if (view.evidence.length > 0) {
          const inside = chain === "" ? "" : ` (inside ${chain.replaceAll(">", " inside ")})`;
          this.findings.add(decoder.detector, SCORES.encoding, view.evidence, `${view.reason}${inside}`);
        }
        decoded.push({ view, name: chain === "" ? view.name : `${chain}>${view.name}` });
      }
    }
    for (const { view, name } of decoded) {
      if (this.fits(view.mapped.text.length)) this.layer(view.mapped, depth + 1, name);
    }
  }

  private fits(length: number): boolean {
    return this.views.length < MAX_VIEWS && length <= this.room;
  }

  private add(name: string, mapped: Mapped, depth: number): void {
    this.room -= mapped.text.length;
    this.views.push({
      name,
      depth,
      text: mapped.text,
      get starts() {
        return mapped.starts;
      },
      get ends() {
        return mapped.ends;
      },
      startAt: (i) => mapped.startAt(i),
      endAt: (i) => mapped.endAt(i),
    });
  }
}

/** rot13 of rot13 and reversed of reversed give back what was already scanned. */
function undoesItself(decoder: Decoder, chain: string): boolean {
  return (decoder.name === "rot13" || decoder.name === "reversed") && chain.endsWith(decoder.name);
}
