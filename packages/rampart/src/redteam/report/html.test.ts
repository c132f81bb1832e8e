import { describe, expect, it } from "vitest";
import type { AttemptResult } from "../score/results.js";
import { attempt, cells } from "../score/results.testing.js";
import { scoreRun } from "../score/risk.js";
import { gaugeSvg } from "./charts.js";
import { excerpt } from "./format.js";
import { type HtmlReportInput, renderHtmlReport } from "./html.js";

const VOID = new Set(["meta", "br", "hr", "img", "input", "link"]);
const OURS = new Set(
  [
    "html head meta title style body header main footer section div h1 h2 h3 h4 p dl dt dd span",
    "table thead tbody tr th td article details summary pre svg g path line rect text",
  ]
    .join(" ")
    .split(" "),
);

/** Every tag in document order; throws unless each element closes in order (a well-formed tree). */
function tags(html: string): { name: string; attributes: string }[] {
  const found: { name: string; attributes: string }[] = [];
  const open: string[] = [];
  for (const match of html.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9-]*)([^<>]*)>/g)) {
    const [, closing, rawName, attributes] = match;
    const name = rawName!.toLowerCase();
    if (closing === "/") {
      const top = open.pop();
      if (top !== name) throw new Error(`</${name}> closes <${top}>`);
      continue;
    }
    found.push({ name, attributes: attributes! });
    if (!VOID.has(name) && !attributes!.endsWith("/")) open.push(name);
  }
  if (open.length > 0) throw new Error(`unclosed: ${open.join(", ")}`);
  return found;
}

const base = (results: AttemptResult[], extra: Partial<HtmlReportInput> = {}): HtmlReportInput => ({
  summary: scoreRun(results, [{ id: "c1", prompt: "bake bread", refused: false }]),
  results,
  target: "guard",
  seed: 42,
  startedAt: new Date("2025-05-01T10:00:00Z"),
  finishedAt: new Date("2025-05-01T10:00:03.5Z"),
  toolVersion: "0.1.0",
  ...extra,
});

const small = [
  attempt("b1", "identity", "failure", { category: "cbrn", severity: 5 }),
  attempt("b1", "base64", "success", {
    category: "cbrn",
    severity: 5,
    guardExplanation: "allowed: classifier risk 0.12 below 0.5",
  }),
  attempt("b2", "identity", "success", { category: "weapons", severity: 4 }),
  attempt("b2", "base64", "error", { category: "weapons", severity: 4 }),
];

describe("renderHtmlReport", () => {
  const html = renderHtmlReport(base(small));

  it("is one complete, well-formed document", () => {
    expect(html.startsWith("<!DOCTYPE html>\n<html")).toBe(true);
    expect(html.trimEnd().endsWith("</html>")).toBe(true);
    const names = tags(html).map((tag) => tag.name);
    expect(names.slice(0, 2)).toEqual(["html", "head"]);
    expect(names.filter((name) => ["html", "head", "body", "style"].includes(name))).toEqual([
      "html",
      "head",
      "style",
      "body",
    ]);
    expect(html).toContain('<meta charset="utf-8">');
  });

  it("carries the five chart ids, the gauge, heat map and bars as SVG", () => {
    for (const id of ["gauge", "heatmap", "asr-by-category", "asr-by-strategy"]) {
      expect(html).toMatch(new RegExp(`<svg id="${id}"`));
    }
    expect(html).toContain('<section id="successes">');
    for (const id of ["gauge", "heatmap", "asr-by-category", "asr-by-strategy", "successes"]) {
      expect(html.split(`id="${id}"`).length).toBe(2);
    }
  });

  it("shows the run's facts, the successes with judge reason and guard explanation", () => {
    expect(html).toContain("<dd>guard</dd>");
    expect(html).toContain("<dd>42</dd>");
    expect(html).toContain("<dd>3.5 s</dd>");
    expect(html).toContain("Successful attempts (2)");
    expect(html).toContain("allowed: classifier risk 0.12 below 0.5");
    expect(html).toContain("no refusal");
    expect(html).toContain("only errors");
    expect(html).toContain('id="uplift"');
  });

  it("shows the verified badge only when verified", () => {
    expect(html).not.toContain('class="badge verified"');
    expect(renderHtmlReport(base(small, { verified: true }))).toContain(
      '<span class="badge verified" id="verified">verified</span>',
    );
  });

  it("references nothing outside the file", () => {
    expect(html).not.toMatch(/\b(?:src|href|xlink:href|action|poster|srcset)\s*=/i);
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/@import|url\(/i);
    expect(html).not.toMatch(/<(?:script|link|iframe|object|embed|img)\b/i);
    expect(html).toContain("default-src 'none'");
  });

  it("escapes hostile text from targets, judges, guards and behaviors", () => {
    const hostile = [
      attempt('"><svg onload=alert(1)>', "roleplay<b>x</b>", "success", {
        category: "cbrn",
        prompt: "</pre><script>alert('prompt')</script>",
        response: `<script>alert(1)</script><img src="https://evil.example/x.png" onerror="alert(2)">`,
        reason: "</h4><iframe src=//evil.example></iframe>",
        judge: "<style>body{display:none}</style>",
        guardExplanation: '<a href="javascript:alert(3)">click</a> & more',
      }),
    ];
    const page = renderHtmlReport(base(hostile, { target: "<script>t</script>", toolVersion: '1"><script>' }));
    expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=&quot;https://evil.example/x.png&quot;");
    expect(page).toContain("&lt;a href=&quot;javascript:alert(3)&quot;&gt;click&lt;/a&gt; &amp; more");
    expect(page).toContain("roleplay&lt;b&gt;x&lt;/b&gt;");
    const found = tags(page);
    for (const { name, attributes } of found) {
      expect(OURS.has(name), `unexpected element <${name}>`).toBe(true);
      expect(attributes).not.toMatch(/\bon[a-z]+\s*=|\b(?:src|href)\s*=/i);
    }
    expect(found.filter((tag) => tag.name === "style")).toHaveLength(1);
    expect(found.filter((tag) => tag.name === "svg")).toHaveLength(4);
  });

  it("stays bounded on 10,000 attempts: successes capped with a note, long texts cut", () => {
    const strategies = ["identity", "base64", "rot13", "roleplay", "many-shot"];
    const many: AttemptResult[] = Array.from({ length: 10_000 }, (_, i) =>
      attempt(`b${i % 2000}`, strategies[i % 5]!, i % 2 === 0 ? "success" : "failure", {
        category: i % 3 === 0 ? "cbrn" : "fraud-scams",
        severity: ((i % 5) + 1) as 1 | 2 | 3 | 4 | 5,
        prompt: "p".repeat(4000),
        response: "r".repeat(20_000),
        reason: "x".repeat(2000),
      }),
    );
    const page = renderHtmlReport(base(many));
    expect(page).toContain("Showing the 200 most severe of 5000 successful attempts");
    expect(page.split('<article class="attempt">').length - 1).toBe(200);
    expect(page).toContain("18500 more characters");
    expect(page.length).toBeLessThan(1_000_000);
    expect(renderHtmlReport(base(many, { maxSuccesses: 10 })).split('<article class="attempt">').length - 1).toBe(10);
  });

  it("renders an empty run", () => {
    const page = renderHtmlReport(base([]));
    expect(page).toContain("No attempt succeeded.");
    expect(page).toContain("no attempts");
    expect(() => tags(page)).not.toThrow();
  });
});

describe("gauge and excerpts", () => {
  it("draws no value arc at 0 and a half circle at 100", () => {
    expect(gaugeSvg(0)).not.toContain("gauge-value");
    expect(gaugeSvg(100)).toContain('d="M 20 110 A 90 90 0 0 1 200 110"');
    expect(gaugeSvg(50)).toContain("A 90 90 0 0 1 110 20");
  });

  it("never cuts a surrogate pair in half", () => {
    expect(excerpt("ab😀cd", 3)).toEqual({ text: "ab", cut: 4 });
    expect(excerpt("short", 10)).toEqual({ text: "short", cut: 0 });
  });
});

describe("cells helper", () => {
  it("produces the requested counts", () => {
    const summary = scoreRun(
      cells([{ category: "cbrn", strategy: "identity", successes: 2, trials: 5, errors: 1 }]),
      [],
    );
    expect(summary.asr.byCategory.cbrn).toMatchObject({ successes: 2, trials: 5 });
    expect(summary.errors.count).toBe(1);
  });
});
