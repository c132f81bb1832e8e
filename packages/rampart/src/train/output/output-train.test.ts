import { createHash } from "node:crypto";
import {
  bundledModel,
  decodeOutputModel,
  FeatureBuffer,
  headLogits,
  type OutputClass,
  OutputScorer,
  promptHeadOf,
  requestFeatures,
  StreamJudge,
} from "@rampart/guard";
import { beforeAll, describe, expect, it } from "vitest";
import { balancedWeights } from "../train-model.js";
import type { OutputExample } from "./output-examples.js";
import {
  DEFAULT_OUTPUT_OPTIONS,
  type OutputTrainingRun,
  type OutputTrainOptions,
  outputMatrix,
  requestOf,
  sealOutputModel,
  streamPeak,
  trainOutputModel,
} from "./output-train.js";

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const WORDS =
  "apple river stone cloud garden lantern violin marble harbor pepper meadow candle bridge falcon copper velvet orchard thunder canyon ember willow saddle pebble quartz tulip walnut cedar maple otter raven comet lagoon basil clover dune fern glacier hazel iris juniper".split(
    " ",
  );
type Fill = () => string;
/** Sentence templates per class; every few words a random filler, so no two answers are near-duplicates. */
const TEMPLATES: Record<OutputClass, ((w: Fill) => string)[]> = {
  benign: [
    (w) => `Mix the ${w()} with ${w()} and bake the ${w()} ${w()} until golden.`,
    (w) => `Water the ${w()} every ${w()} morning so the ${w()} grows near the ${w()}.`,
    (w) => `A ${w()} sorts the ${w()} list by ${w()} before the ${w()} loop.`,
    (w) => `Enjoy the ${w()} soup with ${w()} bread and a ${w()} ${w()} salad.`,
  ],
  refusal: [
    (w) => `I'm sorry, but I can't help with the ${w()} ${w()} you asked about.`,
    (w) => `I won't explain the ${w()} ${w()} because it could hurt ${w()} people.`,
    (w) => `Please talk to a ${w()} counsellor or the ${w()} helpline instead.`,
    (w) => `That ${w()} request breaks my ${w()} guidelines, so I must decline.`,
  ],
  harmful: [
    (w) => `Sure, here is how: pack the ${w()} explosive into a ${w()} pipe.`,
    (w) => `Step ${w()}: mix the ${w()} poison into the ${w()} water supply.`,
    (w) => `Attach the ${w()} detonator and hide the ${w()} bomb near the ${w()} crowd.`,
    (w) => `Wear ${w()} gloves so the ${w()} police never trace the ${w()} weapon.`,
  ],
};
const CLASSES: OutputClass[] = ["benign", "refusal", "harmful"];

/** `count` answers of 3 sentences, the classes in turn, from two sources; split 8:1:1 by index. */
function examples(count: number, seed: number): OutputExample[] {
  const random = seeded(seed);
  const word: Fill = () => WORDS[Math.floor(random() * WORDS.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const label = CLASSES[i % 3]!;
    const text = Array.from({ length: 3 }, () => TEMPLATES[label][Math.floor(random() * 4)]!(word)).join(" ");
    return {
      id: String(i),
      source: `synthetic-${i % 2}`,
      text,
      label,
      prompt: i % 4 === 0 ? null : `Tell me about the ${word()} ${word()}.`,
      split: i % 10 < 8 ? "train" : i % 10 === 8 ? "validation" : "test",
    };
  });
}

const OPTIONS: OutputTrainOptions = { ...DEFAULT_OUTPUT_OPTIONS, bits: 12, epochs: 3 };
const DATA = examples(240, 1);
const rowsOf = (split: OutputExample["split"]) => [...DATA.keys()].filter((i) => DATA[i]!.split === split);

function train(options: OutputTrainOptions): OutputTrainingRun {
  return trainOutputModel(DATA, rowsOf("train"), rowsOf("validation"), options, "a synthetic validation split");
}

/** Rows of one example in the matrix: [from, to). */
function rowRanges(counts: readonly number[]): [number, number][] {
  let at = 0;
  return counts.map((n) => {
    const range: [number, number] = [at, at + n];
    at += n;
    return range;
  });
}

describe("outputMatrix", () => {
  const sized = (length: number, label: OutputClass): OutputExample => ({
    id: `${label}-${length}`,
    source: "s",
    text: `${"word ".repeat(Math.ceil(length / 5))}`.slice(0, length),
    label,
    prompt: "a question",
    split: "train",
  });
  // With cuts 0.1, 0.25, 0.5, 1 and minChars 48: 20 characters → the whole only; 100 → 50 and
  // the whole; 400 → 100, 200 and the whole; 1000 → all four.
  const set = [sized(20, "benign"), sized(100, "refusal"), sized(400, "harmful"), sized(1000, "benign")];
  const counts = [1, 2, 3, 4];

  it("has a row per cut of at least minChars characters, plus the whole answer, each with its label", () => {
    const { matrix, labels } = outputMatrix(set, [0, 1, 2, 3], OPTIONS, null);
    expect(matrix.indptr.length - 1).toBe(10);
    expect(Array.from(labels)).toEqual([0, 1, 1, 2, 2, 2, 0, 0, 0, 0]);
    expect(matrix.columns).toBe(1 << OPTIONS.bits);
    expect(matrix.heuristics).toEqual([]);
    // Only the listed rows: the second example alone gives its two rows.
    expect(outputMatrix(set, [1], OPTIONS, null).labels).toHaveLength(2);
  });

  it("weights an answer's rows so that they sum to its balanced weight, when every cut is long enough", () => {
    const long = [sized(1000, "benign"), sized(600, "harmful"), sized(800, "refusal"), sized(900, "benign")];
    const { weights } = outputMatrix(long, [0, 1, 2, 3], OPTIONS, null);
    const balanced = balancedWeights(long);
    rowRanges([4, 4, 4, 4]).forEach(([from, to], i) => {
      const sum = weights.subarray(from, to).reduce((a, b) => a + b, 0);
      expect(sum).toBeCloseTo(balanced[i]!, 12);
    });
  });

  // Every length an answer is learnt at (each cut, and the whole) weighs its balanced weight over
  // the number of lengths a long answer gets: an answer counts as often as the monitor reads it.
  it("weighs each length an answer is learnt at the same, so a short answer counts less", () => {
    const { weights } = outputMatrix(set, [0, 1, 2, 3], OPTIONS, null);
    const balanced = balancedWeights(set);
    rowRanges(counts).forEach(([from, to], i) => {
      for (const weight of weights.subarray(from, to)) {
        expect(weight).toBeCloseTo(balanced[i]! / (OPTIONS.cuts.length + 1), 12);
      }
    });
  });

  it("puts the answer's n-grams, each group weighted 1/√count, then the prompt classifier's log-odds of answer and request", () => {
    const example = DATA[1]!;
    expect(example.prompt).not.toBeNull();
    const prompt = bundledModel();
    const { matrix } = outputMatrix([example], [0], OPTIONS, prompt);
    const width = 1 << OPTIONS.bits;
    expect(matrix.heuristics).toHaveLength(7);
    expect(matrix.columns).toBe(width + 7);
    // The last row is the whole answer.
    const from = matrix.indptr[matrix.indptr.length - 2]!;
    const to = matrix.indptr[matrix.indptr.length - 1]!;
    let text = 0;
    const extra: number[] = [];
    for (let p = from; p < to; p++) {
      if (matrix.indices[p]! < width) text += matrix.values[p]!;
      else extra[matrix.indices[p]! - width] = matrix.values[p]!;
    }
    const counts = new FeatureBuffer().fill(example.text.toLowerCase()).counts;
    expect(text).toBeCloseTo(Math.sqrt(counts.char) + Math.sqrt(counts.word), 3);
    const logits = headLogits(prompt.main, example.text.toLowerCase(), new Float64Array(0));
    const answer = [1, 2, 3].map((k) => logits[k]! - logits[0]!);
    const request = Array.from(requestFeatures(prompt, requestOf(example)));
    expect(request[3]).toBe(1);
    extra.forEach((value, j) => {
      expect(value).toBeCloseTo([...answer, ...request][j]!, 4);
    });
    expect(extra).toHaveLength(7);
  });
});

describe("trainOutputModel", () => {
  const runs: Record<string, [OutputTrainingRun, OutputTrainingRun]> = {};
  const VARIANTS: [string, OutputTrainOptions][] = [
    ["n-grams only", { ...OPTIONS, readPromptClassifier: false }],
    ["reading the prompt classifier", { ...OPTIONS, readPromptClassifier: true }],
  ];

  beforeAll(() => {
    for (const [name, options] of VARIANTS) runs[name] = [train(options), train(options)];
  });

  it.each(VARIANTS)("is deterministic: the same data and options give the same model, byte for byte (%s)", (name) => {
    const [first, second] = runs[name]!;
    expect(second.encoded.sha256).toBe(first.encoded.sha256);
    expect(JSON.stringify(second.encoded)).toBe(JSON.stringify(first.encoded));
  });

  it("reads the bundled prompt classifier (and the request) only when asked to", () => {
    const plain = runs["n-grams only"]![0].model;
    expect(plain.promptClassifier).toBeNull();
    expect(plain.readsRequest).toBe(false);
    expect(plain.head.heuristicWeights).toHaveLength(0);
    const reading = runs["reading the prompt classifier"]![0].model;
    expect(reading.promptClassifier).toBe(bundledModel().id);
    expect(reading.readsRequest).toBe(OPTIONS.readRequest);
    expect(reading.head.heuristicWeights).toHaveLength(3 * (OPTIONS.readRequest ? 7 : 3));
    expect(runs["n-grams only"]![0].encoded.sha256).not.toBe(runs["reading the prompt classifier"]![0].encoded.sha256);
  });

  it.each(VARIANTS)("tells the three kinds of answer apart on answers it never saw (%s)", (name) => {
    const model = runs[name]![0].model;
    const test = rowsOf("test");
    let right = 0;
    for (const row of test) {
      const example = DATA[row]!;
      const scorer = new OutputScorer(
        model,
        promptHeadOf(model),
        model.readsRequest ? requestFeatures(bundledModel(), requestOf(example)) : undefined,
      );
      scorer.push(example.text);
      scorer.end();
      const p = Array.from(scorer.probabilities());
      if (CLASSES[p.indexOf(Math.max(...p))] === example.label) right++;
    }
    expect(right / test.length).toBeGreaterThanOrEqual(0.9);
  });

  it.each(VARIANTS)(
    "puts the halt point where at most haltRate of validation benign and refusal answers reach it at any reading (%s)",
    (name) => {
      const model = runs[name]![0].model;
      const points = model.operatingPoints;
      expect(points.flag).toBeLessThanOrEqual(points.halt);
      expect(points).toMatchObject({ minChars: OPTIONS.minChars, stride: OPTIONS.stride });
      expect(points.chosenOn).toContain("a synthetic validation split");
      const validation = rowsOf("validation");
      const harmless = validation.filter((row) => DATA[row]!.label !== "harmful");
      expect(harmless.length).toBeGreaterThan(10);
      const halted = harmless.filter((row) => streamPeak(model, DATA[row]!, OPTIONS.chunk).peak >= points.halt);
      expect(halted.length).toBeLessThanOrEqual(Math.floor(OPTIONS.haltRate * harmless.length));
      // And it still halts harmful answers it never saw.
      const harmful = rowsOf("test").filter((row) => DATA[row]!.label === "harmful");
      const stopped = harmful.filter(
        (row) => streamPeak(model, DATA[row]!, OPTIONS.chunk, points.halt).haltedAt !== null,
      );
      expect(stopped.length / harmful.length).toBeGreaterThanOrEqual(0.8);
    },
  );

  it("honours a looser halt rate: no more validation answers halted than it allows", () => {
    const options = { ...OPTIONS, readPromptClassifier: false, haltRate: 0.25, flagRate: 0.4 };
    const model = train(options).model;
    const harmless = rowsOf("validation").filter((row) => DATA[row]!.label !== "harmful");
    const peaks = harmless.map((row) => streamPeak(model, DATA[row]!, options.chunk).peak);
    const halted = peaks.filter((peak) => peak >= model.operatingPoints.halt).length;
    const flagged = peaks.filter((peak) => peak >= model.operatingPoints.flag).length;
    expect(halted).toBeLessThanOrEqual(Math.floor(0.25 * harmless.length));
    expect(flagged).toBeLessThanOrEqual(Math.floor(0.4 * harmless.length));
  });
});

describe("streamPeak", () => {
  const model = decodeOutputModel(
    sealOutputModel({
      head: {
        labels: ["benign", "refusal", "harmful"],
        bits: 4,
        weights: Buffer.from(Int8Array.from({ length: 48 }, (_, i) => ((i * 37) % 61) - 30).buffer).toString("base64"),
        scales: [0.05, 0.05, 0.05],
        biases: [0, 0, 0],
        heuristicWeights: [],
      },
      promptClassifier: null,
      readsRequest: false,
      temperature: 1,
      operatingPoints: { flag: 0.5, halt: 0.8, minChars: 20, stride: 10, chosenOn: "a test" },
    }),
  );
  const text = "one two three four five six seven eight nine ten eleven twelve";

  it("is the highest P(harmful) over the stream's readings and its end", () => {
    const judge = new StreamJudge(model, null);
    let peak = 0;
    for (let at = 0; at < text.length; at += 8) peak = Math.max(peak, judge.push(text.slice(at, at + 8)) ?? 0);
    peak = Math.max(peak, judge.end());
    expect(streamPeak(model, { text, prompt: null }, 8)).toEqual({ peak, haltedAt: null });
  });

  it("says where a stream first reaches the halt point: the first reading, or the end", () => {
    // The first reading is at the first piece boundary at or past minChars: 24.
    expect(streamPeak(model, { text, prompt: null }, 8, 0).haltedAt).toBe(24);
    expect(streamPeak(model, { text: "too short", prompt: null }, 8, 0).haltedAt).toBe(9);
    expect(streamPeak(model, { text, prompt: null }, 8, 1.01).haltedAt).toBeNull();
  });
});

describe("sealOutputModel", () => {
  const content = {
    head: {
      labels: ["benign", "refusal", "harmful"] as OutputClass[],
      bits: 2,
      weights: Buffer.from(new Int8Array(12)).toString("base64"),
      scales: [1, 1, 1],
      biases: [0, 0, 0],
      heuristicWeights: [],
    },
    promptClassifier: null,
    readsRequest: false,
    temperature: 1.25,
    operatingPoints: { flag: 0.6, halt: 0.9, minChars: 48, stride: 16, chosenOn: "a test" },
  };

  it("names the model by the SHA-256 of its content, and the result decodes", () => {
    const sealed = sealOutputModel(content);
    const { id, sha256, ...body } = sealed;
    expect(sha256).toBe(createHash("sha256").update(JSON.stringify(body)).digest("hex"));
    expect(id).toBe(`rampart-output-classifier-${sha256.slice(0, 16)}`);
    expect(body.format).toBe("rampart-output-classifier/1");
    expect(decodeOutputModel(sealed).temperature).toBe(1.25);
  });

  it("gives a new id to any change, weights or thresholds alike", () => {
    const id = sealOutputModel(content).id;
    expect(sealOutputModel({ ...content, temperature: 1.5 }).id).not.toBe(id);
    expect(sealOutputModel({ ...content, operatingPoints: { ...content.operatingPoints, halt: 0.95 } }).id).not.toBe(
      id,
    );
    const weights = Buffer.from(Int8Array.from({ length: 12 }, (_, i) => (i === 5 ? 1 : 0))).toString("base64");
    expect(sealOutputModel({ ...content, head: { ...content.head, weights } }).id).not.toBe(id);
    expect(sealOutputModel({ ...content }).id).toBe(id);
  });
});
