import { describe, expect, it } from "vitest";
import { readAnthropicRequest } from "./request.js";

function read(body: unknown) {
  const result = readAnthropicRequest(body);
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

describe("reading an Anthropic messages request", () => {
  it("makes the top-level system prompt a system message, and tool results tool messages, in order", () => {
    const request = read({
      model: "m",
      max_tokens: 10,
      system: [
        { type: "text", text: "Rules." },
        { type: "text", text: "More rules.", cache_control: { type: "ephemeral" } },
      ],
      messages: [
        { role: "user", content: "Fetch the page." },
        {
          role: "assistant",
          content: [
            { type: "text", text: "Fetching." },
            { type: "tool_use", id: "t1", name: "fetch", input: {} },
          ],
        },
        {
          role: "user",
          content: [
            { type: "tool_result", tool_use_id: "t1", content: [{ type: "text", text: "page text" }] },
            { type: "text", text: "Summarise it." },
            { type: "image", source: { type: "base64", media_type: "image/png", data: "AAAA" } },
          ],
        },
      ],
    });
    expect(request.messages).toEqual([
      { role: "system", content: "Rules.\nMore rules." },
      { role: "user", content: "Fetch the page." },
      { role: "assistant", content: "Fetching." },
      { role: "tool", content: "page text" },
      { role: "user", content: "Summarise it." },
    ]);
  });

  it("reads text documents and string tool results", () => {
    const request = read({
      messages: [
        {
          role: "user",
          content: [
            { type: "document", source: { type: "text", media_type: "text/plain", data: "doc body" } },
            { type: "document", source: { type: "content", content: [{ type: "text", text: "chunk" }] } },
            { type: "tool_result", tool_use_id: "t", content: "plain result" },
          ],
        },
      ],
    });
    expect(request.messages).toEqual([
      { role: "user", content: "doc body\nchunk" },
      { role: "tool", content: "plain result" },
    ]);
  });

  it("appends the addition to `system` in the form it came in", () => {
    const messages = [{ role: "user", content: "hi" }];
    expect(read({ messages }).withSystemAddition("MARK")).toEqual({ messages, system: "MARK" });
    expect(read({ system: "Be brief.", messages }).withSystemAddition("\n\nMARK")).toEqual({
      system: "Be brief.\n\nMARK",
      messages,
    });
    const blocks = [{ type: "text", text: "A", cache_control: { type: "ephemeral" } }];
    expect(read({ system: blocks, messages }).withSystemAddition("\n\nMARK")).toEqual({
      system: [...blocks, { type: "text", text: "\n\nMARK" }],
      messages,
    });
  });

  it("names the field at fault", () => {
    const wrong = readAnthropicRequest({ messages: [{ role: "system", content: "x" }] });
    expect(wrong).toMatchObject({ ok: false, message: expect.stringContaining("messages[0].role") });
    const badSystem = readAnthropicRequest({ system: 5, messages: [] });
    expect(badSystem).toMatchObject({ ok: false, message: expect.stringContaining("system") });
  });
});
