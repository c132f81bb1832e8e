import { describe, expect, it } from "vitest";
import { measureProxyOverhead, renderProxyOverhead } from "./proxy-overhead.js";

describe("the proxy overhead benchmark", () => {
  it("measures direct and proxied traffic without failures, and renders a section", { timeout: 60_000 }, async () => {
    const result = await measureProxyOverhead({
      durationSeconds: 1,
      connections: 10,
      pacedRate: 20,
      ttftRequests: 3,
      ttftPieceDelayMs: 1,
      monitorAnswers: 2,
    });
    for (const run of [result.whole, result.streamed, result.pacedWhole, result.pacedStreamed]) {
      expect(run.direct.failed).toBe(0);
      expect(run.proxied.failed).toBe(0);
      expect(run.proxied.perSecond).toBeGreaterThan(0);
    }
    expect(result.ttft.proxied.p50Micros).toBeGreaterThan(0);
    expect(result.pushes).toBe(2 * result.pieces);
    const section = renderProxyOverhead(result);
    expect(section).toMatch(/^## Proxy overhead\n/);
    expect(section).toContain("| streamed, as fast as it goes |");
    expect(section).toContain("| streamed, 20 requests/s |");
  });
});
