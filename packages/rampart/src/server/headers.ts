/** Hop-by-hop headers (RFC 9110 §7.6.1) and those that describe a body the proxy rewrites. */
const NOT_FORWARDED = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "proxy-authenticate",
  "proxy-authorization",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "host",
  "content-length",
  "content-encoding",
  // The proxy reads and rewrites the answer as text, so it asks the upstream for it uncompressed.
  "accept-encoding",
]);

/**
 * The caller's headers for the upstream: the API key (authorization, x-api-key) and the API's own
 * headers (anthropic-version, anthropic-beta, openai-organization, …) pass as they are; Rampart's
 * own `x-rampart-*` headers stay here.
 */
export function upstreamHeaders(request: Headers): Headers {
  const headers = new Headers();
  for (const [name, value] of request) {
    if (!NOT_FORWARDED.has(name) && !name.startsWith("x-rampart-")) headers.set(name, value);
  }
  headers.set("content-type", "application/json");
  return headers;
}

/** The upstream's response headers for the client (request ids, rate limits), less those of a body that was rewritten. */
export function clientHeaders(upstream: Headers): Headers {
  const headers = new Headers();
  for (const [name, value] of upstream) {
    if (!NOT_FORWARDED.has(name) && name !== "set-cookie") headers.set(name, value);
  }
  return headers;
}
