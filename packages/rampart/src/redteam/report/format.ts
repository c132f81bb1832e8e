const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Escapes text for HTML element content and quoted attribute values (also inside inline SVG), so
 * no text from a target, a judge or a guard can open an element or leave an attribute.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char]!);
}

/** The first `max` characters of `text` (never half a surrogate pair), and how many were cut. */
export function excerpt(text: string, max: number): { readonly text: string; readonly cut: number } {
  if (text.length <= max) return { text, cut: 0 };
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return { text: text.slice(0, end), cut: text.length - end };
}

/** A rate in [0, 1] as a whole percentage ("37%"), one decimal under 10% ("2.5%"). */
export function percent(rate: number): string {
  const value = rate * 100;
  if (value > 0 && value < 10) return `${value.toFixed(1)}%`;
  return `${Math.round(value)}%`;
}

/** The fill for a rate: pale green at 0, through amber, to red at 1; dark text stays readable on all. */
export function rateColour(rate: number): string {
  const r = Math.min(1, Math.max(0, rate));
  const hue = Math.round(120 * (1 - r));
  const lightness = Math.round(90 - 32 * r);
  return `hsl(${hue} 70% ${lightness}%)`;
}

/** A number with at most `digits` decimals, for SVG coordinates. */
export function num(value: number, digits = 2): string {
  return String(Number(value.toFixed(digits)));
}
