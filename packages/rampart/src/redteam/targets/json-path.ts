import { RampartError } from "@rampart/guard";

/** One step into a JSON value: a property name or an array index. */
export type PathStep = string | number;

/**
 * Parses a dotted path with `[n]` indexes: `data.answer`, `choices[0].message.content`,
 * `[0].text`. Throws INPUT_INVALID on anything else.
 */
export function parsePath(path: string): PathStep[] {
  const steps: PathStep[] = [];
  const pattern = /\.?([^.[\]]+)|\[(\d+)\]/y;
  let at = 0;
  while (at < path.length) {
    pattern.lastIndex = at;
    const match = pattern.exec(path);
    if (match === null || (match[0].startsWith(".") && at === 0)) {
      throw new RampartError(
        "INPUT_INVALID",
        `responsePath ${JSON.stringify(path)} is not a dotted path with [n] indexes, e.g. "choices[0].message.content"`,
      );
    }
    steps.push(match[2] === undefined ? match[1]! : Number(match[2]));
    at = pattern.lastIndex;
  }
  if (steps.length === 0) throw new RampartError("INPUT_INVALID", "responsePath is empty");
  return steps;
}

/** The value at `steps` in `value`, or undefined when any step is missing. */
export function readPath(value: unknown, steps: readonly PathStep[]): unknown {
  let current = value;
  for (const step of steps) {
    if (typeof step === "number") {
      if (!Array.isArray(current)) return undefined;
      current = current[step];
    } else {
      if (typeof current !== "object" || current === null || Array.isArray(current)) return undefined;
      if (!Object.hasOwn(current, step)) return undefined;
      current = (current as Record<string, unknown>)[step];
    }
  }
  return current;
}
