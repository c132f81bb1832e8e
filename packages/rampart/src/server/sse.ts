/** One server-sent event: `event` is the optional type line (Anthropic names its events, OpenAI does not). */
export interface SseEvent {
  readonly event?: string;
  readonly data: string;
}

/** The wire form of an event; multi-line data becomes one `data:` line per line, as the SSE format requires. */
export function encodeSse(event: SseEvent): string {
  const data = event.data.includes("\n") ? event.data.split("\n").join("\ndata: ") : event.data;
  return event.event === undefined ? `data: ${data}\n\n` : `event: ${event.event}\ndata: ${data}\n\n`;
}
