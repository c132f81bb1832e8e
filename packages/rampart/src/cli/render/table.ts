/** A plain-text table with aligned columns: numbers right-aligned, everything else left. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((row) => width(row[i] ?? ""))));
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((row) => NUMBER.test(row[i] ?? "")));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (numeric[i] ? pad(cell, widths[i]!, "start") : pad(cell, widths[i]!, "end")))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

const NUMBER = /^(-|[\d.,]+%?)$/;

// Code points, not UTF-16 units, so the µ and … in cells do not skew the columns.
function width(cell: string): number {
  return [...cell.replace(/\u001b\[[\d;]*m/g, "")].length;
}

function pad(cell: string, to: number, side: "start" | "end"): string {
  const fill = " ".repeat(Math.max(0, to - width(cell)));
  return side === "start" ? fill + cell : cell + fill;
}
