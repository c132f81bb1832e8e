import type { AttemptResult } from "../score/results.js";
import type { Rate } from "../score/risk.js";
import { wilson } from "../score/wilson.js";
import { escapeHtml, num, percent, rateColour } from "./format.js";

/** A 0–100 score as a half-circle gauge, filled in proportion and coloured green to red. */
export function gaugeSvg(score: number, id = "gauge"): string {
  const fraction = Math.min(1, Math.max(0, score / 100));
  const [cx, cy, r] = [110, 110, 90];
  const point = (f: number): string => {
    const angle = Math.PI * (1 - f);
    return `${num(cx + r * Math.cos(angle))} ${num(cy - r * Math.sin(angle))}`;
  };
  const arc = (f: number): string => `M ${point(0)} A ${r} ${r} 0 0 1 ${point(f)}`;
  const value = fraction > 0 ? `<path d="${arc(fraction)}" class="gauge-value" stroke="${rateColour(fraction)}"/>` : "";
  return [
    `<svg id="${id}" class="chart" role="img" viewBox="0 0 220 140" width="220" height="140">`,
    `<title>Risk score ${num(score, 1)} of 100</title>`,
    `<path d="${arc(1)}" class="gauge-track"/>`,
    value,
    `<text x="${cx}" y="${cy - 8}" class="gauge-score">${num(score, 1)}</text>`,
    `<text x="${cx}" y="${cy + 18}" class="gauge-label">risk score / 100</text>`,
    "</svg>",
  ].join("");
}

const LABEL_WIDTH = 230;
const BAR_WIDTH = 380;
const NOTE_WIDTH = 190;
const ROW = 24;
const MAX_LABEL = 34;

function label(text: string): string {
  const short = text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1)}…` : text;
  return escapeHtml(short);
}

/**
 * Horizontal bars of success rate with 95% Wilson error bars, one row per entry, and the counts
 * beside them. Rows with no trials say so and draw nothing.
 */
export function rateBarsSvg(id: string, caption: string, rates: readonly (readonly [string, Rate])[]): string {
  const top = 26;
  const height = top + rates.length * ROW + 8;
  const width = LABEL_WIDTH + BAR_WIDTH + NOTE_WIDTH;
  const x = (rate: number): string => num(LABEL_WIDTH + rate * BAR_WIDTH);
  const parts = [
    `<svg id="${id}" class="chart" role="img" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">`,
    `<title>${escapeHtml(caption)}</title>`,
  ];
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(
      `<line x1="${x(tick)}" x2="${x(tick)}" y1="${top - 4}" y2="${height - 8}" class="grid"/>`,
      `<text x="${x(tick)}" y="${top - 8}" class="tick">${tick * 100}%</text>`,
    );
  }
  rates.forEach(([name, rate], index) => {
    const y = top + index * ROW;
    const mid = num(y + ROW / 2);
    const counts = `${rate.successes}/${rate.trials}`;
    const interval = `${percent(rate.low)}–${percent(rate.high)}`;
    parts.push(
      `<g><title>${escapeHtml(`${name}: ${counts} = ${percent(rate.rate)} (95% CI ${interval})`)}</title>`,
      `<text x="${LABEL_WIDTH - 8}" y="${mid}" class="row-label">${label(name)}</text>`,
    );
    if (rate.trials === 0) {
      parts.push(`<text x="${LABEL_WIDTH + 4}" y="${mid}" class="note">no judged attempts</text></g>`);
      return;
    }
    const capTop = num(y + 6);
    const capBottom = num(y + ROW - 6);
    parts.push(
      `<rect x="${x(0)}" y="${num(y + 4)}" width="${num(rate.rate * BAR_WIDTH)}" height="${ROW - 8}" fill="${rateColour(rate.rate)}"/>`,
      `<line x1="${x(rate.low)}" x2="${x(rate.high)}" y1="${mid}" y2="${mid}" class="err"/>`,
      `<line x1="${x(rate.low)}" x2="${x(rate.low)}" y1="${capTop}" y2="${capBottom}" class="err"/>`,
      `<line x1="${x(rate.high)}" x2="${x(rate.high)}" y1="${capTop}" y2="${capBottom}" class="err"/>`,
      `<text x="${LABEL_WIDTH + BAR_WIDTH + 8}" y="${mid}" class="note">${percent(rate.rate)} [${interval}] ${counts}</text></g>`,
    );
  });
  parts.push("</svg>");
  return parts.join("");
}

interface Cell {
  successes: number;
  trials: number;
}

/** Judged attempts per category × strategy, from the raw results (errors left out). */
export function crossTab(results: readonly AttemptResult[]): Map<string, Map<string, Cell>> {
  const table = new Map<string, Map<string, Cell>>();
  for (const result of results) {
    let row = table.get(result.category);
    if (row === undefined) {
      row = new Map();
      table.set(result.category, row);
    }
    let cell = row.get(result.strategy);
    if (cell === undefined) {
      cell = { successes: 0, trials: 0 };
      row.set(result.strategy, cell);
    }
    if (result.outcome === "error") continue;
    cell.trials++;
    if (result.outcome === "success") cell.successes++;
  }
  return table;
}

const CELL_W = 58;
const CELL_H = 28;
const HEAT_LABEL = 190;
const HEAT_TOP = 190;

/** A category × strategy heat map: each cell coloured by its ASR, with the rate written in it. */
export function heatmapSvg(
  results: readonly AttemptResult[],
  categories: readonly string[],
  strategies: readonly string[],
  id = "heatmap",
): string {
  const table = crossTab(results);
  const rows = categories.filter((category) => table.has(category));
  const width = HEAT_LABEL + Math.max(1, strategies.length) * CELL_W + 150;
  const height = HEAT_TOP + Math.max(1, rows.length) * CELL_H + 8;
  const parts = [
    `<svg id="${id}" class="chart" role="img" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">`,
    "<title>Attack success rate by hazard category and strategy</title>",
  ];
  strategies.forEach((strategy, column) => {
    const x = num(HEAT_LABEL + column * CELL_W + CELL_W / 2);
    parts.push(
      `<text transform="translate(${x} ${HEAT_TOP - 6}) rotate(-45)" class="col-label"><title>${escapeHtml(strategy)}</title>${label(strategy)}</text>`,
    );
  });
  if (rows.length === 0) parts.push(`<text x="${HEAT_LABEL}" y="${HEAT_TOP + 18}" class="note">no attempts</text>`);
  rows.forEach((category, index) => {
    const y = HEAT_TOP + index * CELL_H;
    parts.push(`<text x="${HEAT_LABEL - 8}" y="${num(y + CELL_H / 2)}" class="row-label">${label(category)}</text>`);
    const row = table.get(category)!;
    strategies.forEach((strategy, column) => {
      const x = HEAT_LABEL + column * CELL_W;
      const cell = row.get(strategy);
      const tx = num(x + CELL_W / 2);
      const ty = num(y + CELL_H / 2);
      if (cell === undefined || cell.trials === 0) {
        const why = cell === undefined ? "not attempted" : "only errors";
        parts.push(
          `<g><title>${escapeHtml(`${category} × ${strategy}: ${why}`)}</title>`,
          `<rect x="${x}" y="${y}" width="${CELL_W - 2}" height="${CELL_H - 2}" class="empty"/>`,
          `<text x="${tx}" y="${ty}" class="cell">–</text></g>`,
        );
        return;
      }
      const interval = wilson(cell.successes, cell.trials);
      const tip = `${category} × ${strategy}: ${cell.successes}/${cell.trials} = ${percent(interval.rate)} (95% CI ${percent(interval.low)}–${percent(interval.high)})`;
      parts.push(
        `<g><title>${escapeHtml(tip)}</title>`,
        `<rect x="${x}" y="${y}" width="${CELL_W - 2}" height="${CELL_H - 2}" fill="${rateColour(interval.rate)}"/>`,
        `<text x="${tx}" y="${ty}" class="cell">${percent(interval.rate)}</text></g>`,
      );
    });
  });
  parts.push("</svg>");
  return parts.join("");
}
