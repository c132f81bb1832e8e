import { z } from "zod";
import { signatureSchema } from "../../signatures/schema.js";

/** FIRST Traffic Light Protocol 2.0 labels, from widest to narrowest audience. */
export const TLP_LABELS = ["CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED"] as const;
export type Tlp = (typeof TLP_LABELS)[number];

export const SEVERITIES = ["low", "medium", "high", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Default embargo, as in coordinated disclosure: the narrative stays with author and recipients this long. */
export const DEFAULT_EMBARGO_DAYS = 90;

/** OWASP ids carry their edition: the 2026 list renumbers the 2025 one, so "LLM01" alone is ambiguous. */
const owaspRef = z
  .strictObject({
    id: z.string().regex(/^LLM\d{2}$/, "an OWASP LLM Top 10 id such as LLM01"),
    edition: z.number().int().min(2023).max(2100).describe("The list's year, e.g. 2025."),
  })
  .describe("An OWASP Top 10 for LLM Applications entry, with its edition.");

/** What an advisory says: the narrative, the examples and the detection signatures. */
export const advisoryContentSchema = z.strictObject({
  title: z.string().min(1).max(300),
  description: z.string().min(1).max(20_000),
  technique: z.strictObject({
    name: z.string().min(1).max(200).describe("e.g. role-play jailbreak with a fake system prompt"),
    atlas: z.array(z.string().regex(/^AML\.T\d{4}(\.\d{3})?$/, "a MITRE ATLAS technique id such as AML.T0054")).max(20),
    owasp: z.array(owaspRef).max(20),
  }),
  affected: z
    .array(z.strictObject({ model: z.string().min(1).max(200), versions: z.array(z.string().min(1).max(100)).max(50) }))
    .max(100),
  severity: z.enum(SEVERITIES),
  examples: z
    .array(z.string().min(1).max(20_000))
    .max(50)
    .describe("Example prompts: narrative, never released under embargo."),
  signatures: z
    .array(signatureSchema)
    .max(500)
    .describe("Detection signatures in the guard's format; released to subscribed guards even under embargo."),
  references: z.array(z.url()).max(50),
});
export type AdvisoryContent = z.infer<typeof advisoryContentSchema>;

/** Who may read an advisory: its TLP label, the organisations and groups it names, and its embargo. */
export const distributionSchema = z.strictObject({
  tlp: z.enum(TLP_LABELS),
  /** Organisation ids (UUIDs) named as recipients: AMBER's "organisations it names", RED's named recipients. */
  recipients: z.array(z.uuid()).max(500).default([]),
  /** Sharing-group ids (UUIDs) whose member organisations count as named recipients. */
  groups: z.array(z.uuid()).max(50).default([]),
  /** ISO time before which only author and recipients see the narrative; null = no embargo; absent = 90 days. */
  embargoUntil: z.iso.datetime().nullable().optional(),
});
export type Distribution = z.output<typeof distributionSchema>;

/** An advisory as stored: ids are UUIDs kept across nodes, the creator never changes, every change is a new version. */
export interface AdvisoryRecord {
  readonly id: string;
  /** Monotonic across the whole exchange: the feed's and list's cursor. Bumped by every publish, amend and retract. */
  readonly seq: number;
  readonly version: number;
  readonly creatorOrg: string;
  readonly tlp: Tlp;
  /** Named recipient organisations; named groups stay in `groups` and count through the reader's own groups. */
  readonly recipients: readonly string[];
  readonly groups: readonly string[];
  readonly embargoUntil: Date | null;
  readonly retracted: boolean;
  readonly content: AdvisoryContent;
  readonly created: Date;
  readonly modified: Date;
}

/** What a reader gets: everything, only the signatures (embargo), or nothing. */
export type AccessLevel = "full" | "signatures" | "none";

/** An advisory as one reader may see it (full), or its signatures only while under embargo. */
export type AdvisoryView =
  | {
      readonly access: "full";
      readonly id: string;
      readonly seq: number;
      readonly version: number;
      readonly creatorOrg: string;
      readonly tlp: Tlp;
      readonly recipients: readonly string[];
      readonly groups: readonly string[];
      readonly embargoUntil: string | null;
      readonly retracted: boolean;
      readonly created: string;
      readonly modified: string;
      readonly content: AdvisoryContent;
    }
  | {
      readonly access: "signatures";
      readonly id: string;
      readonly seq: number;
      readonly version: number;
      readonly tlp: Tlp;
      readonly embargoUntil: string;
      readonly retracted: boolean;
      readonly signatures: AdvisoryContent["signatures"];
    };

/** Who is reading: nobody signed in, or a member of an organisation (and of the sharing groups it belongs to). */
export type Viewer =
  | { readonly kind: "anonymous" }
  | { readonly kind: "member"; readonly org: string; readonly groups: readonly string[] };

export const SIGHTING_KINDS = ["seen", "true-positive", "false-positive", "expired"] as const;
export type SightingKind = (typeof SIGHTING_KINDS)[number];

export const sightingInputSchema = z.strictObject({
  kind: z.enum(SIGHTING_KINDS),
  note: z.string().max(5_000).optional(),
  /** For false positives: the signature ids that fired on benign traffic. */
  signatureIds: z.array(z.string().min(1).max(200)).max(500).optional(),
});
export type SightingInput = z.infer<typeof sightingInputSchema>;

export interface SightingRecord {
  readonly id: string;
  readonly advisoryId: string;
  readonly org: string;
  readonly kind: SightingKind;
  readonly note?: string;
  readonly signatureIds: readonly string[];
  readonly created: Date;
}
