import { describe, expect, it } from "vitest";
import { RampartError } from "../../../core/errors.js";
import { bundledModel } from "../../classifier/bundled.js";
import type { ClassifierModel } from "../../classifier/model.js";
import { bundledOutputModel } from "./bundled.js";
import type { OutputModel } from "./output-model.js";
import { promptClassifierOf, promptHeadOf } from "./prompt-head.js";

const bundled = bundledOutputModel();
const prompt = bundledModel();
const reading: OutputModel = { ...bundled, id: "rampart-output-classifier-reads", promptClassifier: prompt.id };
const notReading: OutputModel = { ...bundled, id: "rampart-output-classifier-plain", promptClassifier: null };
const otherPrompt: ClassifierModel = { ...prompt, id: "rampart-classifier-0123456789abcdef" };

function refusal(run: () => unknown): RampartError {
  try {
    run();
  } catch (error) {
    if (error instanceof RampartError) return error;
    throw error;
  }
  throw new Error("expected a RampartError");
}

describe("promptHeadOf", () => {
  it("is null for a model that reads no prompt classifier, whatever is loaded", () => {
    expect(promptHeadOf(notReading)).toBeNull();
    expect(promptHeadOf(notReading, null)).toBeNull();
    expect(promptHeadOf(notReading, otherPrompt)).toBeNull();
    expect(promptClassifierOf(notReading, otherPrompt)).toBeNull();
  });

  it("is the loaded prompt classifier's main head when its id is the one the model names", () => {
    expect(promptHeadOf(reading, prompt)).toBe(prompt.main);
    expect(promptClassifierOf(reading, prompt)).toBe(prompt);
    // By default, the bundled prompt classifier.
    expect(promptHeadOf(reading)).toBe(prompt.main);
  });

  it("refuses another prompt classifier, or none, with MODEL_INVALID naming both ids", () => {
    const other = refusal(() => promptHeadOf(reading, otherPrompt));
    expect(other.code).toBe("MODEL_INVALID");
    expect(other.message).toContain(reading.id);
    expect(other.message).toContain(prompt.id);
    expect(other.message).toContain(otherPrompt.id);
    const none = refusal(() => promptHeadOf(reading, null));
    expect(none.code).toBe("MODEL_INVALID");
    expect(none.message).toContain("none is loaded");
    expect(refusal(() => promptClassifierOf(reading, otherPrompt)).code).toBe("MODEL_INVALID");
  });

  it("pairs the bundled output model with the bundled prompt classifier", () => {
    const head = promptHeadOf(bundled);
    expect(head).toBe(bundled.promptClassifier === null ? null : prompt.main);
  });
});
