export { escapeHtml } from "./format.js";
export { DEFAULT_MAX_SUCCESSES, type HtmlReportInput, renderHtmlReport } from "./html.js";
export { type JsonReport, jsonReport, jsonReportSchema, parseJsonReport } from "./json.js";
