/** The report's whole stylesheet, inlined: system fonts only, nothing fetched. */
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #5b6470; --line: #d8dde3; --panel: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fff; }
header, main, footer { max-width: 1200px; margin: 0 auto; padding: 16px 24px; }
header { display: flex; flex-wrap: wrap; gap: 24px; align-items: center; border-bottom: 1px solid var(--line); }
h1 { font-size: 22px; margin: 0 0 6px; }
h2 { font-size: 18px; margin: 28px 0 10px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 0; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; font-variant-numeric: tabular-nums; }
.badge { display: inline-block; padding: 2px 10px; border-radius: 999px; font-size: 12px; font-weight: 600; vertical-align: middle; }
.badge.verified { background: #1a7f37; color: #fff; }
.figure { overflow-x: auto; background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 8px; }
svg.chart { display: block; font: 12px system-ui, sans-serif; }
svg .gauge-track { fill: none; stroke: #e4e8ec; stroke-width: 18; }
svg .gauge-value { fill: none; stroke-width: 18; }
svg .gauge-score { font-size: 34px; font-weight: 700; text-anchor: middle; fill: var(--ink); }
svg .gauge-label { font-size: 12px; text-anchor: middle; fill: var(--muted); }
svg .grid { stroke: #d0d7de; stroke-dasharray: 2 3; }
svg .tick { text-anchor: middle; fill: var(--muted); }
svg .row-label { text-anchor: end; dominant-baseline: middle; fill: var(--ink); }
svg .col-label { text-anchor: start; fill: var(--ink); }
svg .note { dominant-baseline: middle; fill: var(--muted); }
svg .err { stroke: #1b1f24; stroke-width: 1.5; }
svg .cell { text-anchor: middle; dominant-baseline: middle; font-size: 11px; fill: #111; }
svg .empty { fill: #eceff2; }
table.data { border-collapse: collapse; font-variant-numeric: tabular-nums; }
table.data th, table.data td { border-bottom: 1px solid var(--line); padding: 4px 10px; text-align: left; }
table.data td.num { text-align: right; }
.sig { color: #b42318; font-weight: 600; }
article.attempt { border: 1px solid var(--line); border-left: 4px solid #b42318; border-radius: 6px; padding: 8px 12px; margin: 10px 0; }
article.attempt h3 { font-size: 14px; margin: 0 0 6px; }
article.attempt .tags span { display: inline-block; margin-right: 8px; color: var(--muted); }
pre { white-space: pre-wrap; word-break: break-word; background: var(--panel); padding: 8px; border-radius: 4px; margin: 4px 0; max-height: 320px; overflow: auto; }
.cut { color: var(--muted); font-style: italic; }
.capped { background: #fff8c5; border: 1px solid #d4a72c; padding: 6px 10px; border-radius: 4px; }
`;
