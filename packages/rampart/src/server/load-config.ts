import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { RampartError } from "@rampart/guard";
import { LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import { describeIssues, friendlyErrors, type LocatedIssue, toIssues } from "../io/issues.js";
import { lineOf } from "../io/locate.js";
import { KNOWN_CATEGORIES_HINT, policySchema } from "../policy/schema.js";
import { type ServerConfig, serverConfigSchema } from "./config.js";

/** An issue in a configuration file and the line it is on. */
export type ConfigIssue = LocatedIssue;

/** A configuration file that cannot be used; the message lists every problem as `FILE:LINE: FIELD: what is wrong`. */
export class ServerConfigError extends RampartError {
  readonly issues: readonly ConfigIssue[];

  constructor(message: string, issues: readonly ConfigIssue[], options?: { cause?: unknown }) {
    super("INPUT_INVALID", message, options);
    this.name = "ServerConfigError";
    this.issues = issues;
  }
}

/** Reads `rampart.yaml`; relative paths in it (policy, verdictLog) are made absolute against its folder. */
export async function loadServerConfig(path: string): Promise<ServerConfig> {
  let source: string;
  try {
    source = await readFile(path, "utf8");
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const issue: ConfigIssue = {
      code: "unreadable",
      path: [],
      message: `cannot read the configuration: ${reason}`,
      line: 0,
    };
    throw new ServerConfigError(`${path}: ${issue.message}`, [issue], { cause: error });
  }
  const config = parseServerConfig(source, path);
  const folder = dirname(resolve(path));
  return {
    ...config,
    ...(typeof config.policy === "string" ? { policy: resolve(folder, config.policy) } : {}),
    ...(config.verdictLog === undefined ? {} : { verdictLog: resolve(folder, config.verdictLog) }),
  };
}

/** As `loadServerConfig`, for a configuration already in memory; `name` is what messages call the file. */
export function parseServerConfig(source: string, name: string): ServerConfig {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    const issues = doc.errors.map(
      (error): ConfigIssue => ({
        code: error.code,
        path: [],
        message: `not valid YAML: ${error.message}`,
        line: lines.linePos(error.pos[0]).line,
      }),
    );
    throw failure(name, issues);
  }
  const parsed = serverConfigSchema.safeParse(doc.toJS() ?? {}, { error: friendlyErrors });
  if (parsed.success) return parsed.data;
  const issues = toIssues(new z.ZodError(unionsOpened(parsed.error.issues)), unknownKeyMessage).map(
    (issue): ConfigIssue => ({ ...issue, line: lineOf(doc, lines, issue.path) }),
  );
  throw failure(name, issues);
}

/**
 * `policy` is a path or an inline policy. When the value is clearly meant as one of them (only one
 * branch got past the type check), that branch's own issues are reported, at their own paths,
 * rather than zod's "no branch matched".
 */
function unionsOpened(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  return issues.flatMap((issue) => {
    if (issue.code !== "invalid_union") return [issue];
    const meant = issue.errors.filter(
      (branch) => !branch.every((b) => b.code === "invalid_type" && b.path.length === 0),
    );
    if (meant.length !== 1) {
      return [{ ...issue, message: "expected a path to a policy file (a string) or a policy (a mapping)" }];
    }
    return unionsOpened((meant[0] ?? []).map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] })));
  });
}

function unknownKeyMessage(parent: readonly PropertyKey[]): string {
  const known = (shape: object) => `unknown field; known: ${Object.keys(shape).join(", ")}`;
  const [first, second] = parent;
  if (parent.length === 0) return known(serverConfigSchema.shape);
  if (first === "upstreams" && parent.length === 1) return "unknown upstream; known: openai, anthropic";
  if (first === "limits" && parent.length === 1) return known(serverConfigSchema.shape.limits.unwrap().shape);
  if (first === "policy" && parent.length === 1) return known(policySchema.shape);
  if (first === "policy" && second === "categories" && parent.length === 2)
    return `unknown category; ${KNOWN_CATEGORIES_HINT}`;
  return "unknown field";
}

function failure(name: string, issues: readonly ConfigIssue[]): ServerConfigError {
  const { sorted, message } = describeIssues(name, issues);
  return new ServerConfigError(message, sorted);
}
