import { describe, expect, it } from "vitest";
import { assignmentIn } from "./assignments.js";

/** Splits a line the way the secrets scanner does: the text before the value's run, and the run. */
function assigned(line: string): string | undefined {
  const run = /[^\s"'`<>()[\]{},;|\\]+$/.exec(line)?.[0] ?? "";
  const before = line.slice(0, line.length - run.length);
  const found = assignmentIn(() => before, run);
  return found === undefined ? undefined : run.slice(found.start, found.end);
}

describe("assignmentIn", () => {
  it.each([
    ['password = "Xk9#mP2$vL7q', "Xk9#mP2$vL7q"],
    ['"client_secret": "dGhpcyBpcyBhIHNlY3JldCB2YWx1ZQ==', "dGhpcyBpcyBhIHNlY3JldCB2YWx1ZQ=="],
    ["DB_PASSWORD=Tr0ub4dor&3x", "Tr0ub4dor&3x"],
    ["export API_KEY=9f8e7d6c5b4a39281706f5e4d3c2b1a0", "9f8e7d6c5b4a39281706f5e4d3c2b1a0"],
    ["auth_token => 'q8Z2vX9mL4kP7wR1", "q8Z2vX9mL4kP7wR1"],
    ["secret: Zm9vYmFyYmF6cXV4MTIzNDU2", "Zm9vYmFyYmF6cXV4MTIzNDU2"],
  ])("finds the value in %s", (line, value) => {
    expect(assigned(line)).toBe(value);
  });

  it.each([
    ['password = "mysecretpassword'],
    ["password: string"],
    ["token = tokenizer.encode"],
    ['api_key = os.environ["OPENAI_API_KEY'],
    ["api_key = config.openai.api_key"],
    ["PASSWORD=$DB_PASSWORD"],
    ["token = MY_SECRET_TOKEN"],
    ["secret: hunter2"],
    ["The Password123 policy"],
    ["tokens = Xk9#mP2$vL7q"],
    ["We use the key Xk9#mP2$vL7q"],
  ])("leaves %s alone", (line) => {
    expect(assigned(line)).toBeUndefined();
  });
});
