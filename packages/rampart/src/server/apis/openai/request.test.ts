import { describe, expect, it } from "vitest";
import { readOpenAiRequest } from "./request.js";

function read(body: unknown) {
  const result = readOpenAiRequest(body);
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

describe("reading an OpenAI chat request", () => {
  it("maps roles and flattens content parts to their text", () => {
    const request = read({
      model: "m",
      messages: [
        { role: "developer", content: "Rules." },
        {
          role: "user",
          content: [
            { type: "text", text: "Look:" },
            { type: "image_url", image_url: { url: "data:," } },
            { type: "text", text: "what is it?" },
          ],
        },
        { role: "assistant", content: null, tool_calls: [] },
        { role: "tool", tool_call_id: "t", content: "result text" },
        { role: "function", name: "f", content: "legacy result" },
      ],
    });
    expect(request.messages).toEqual([
      { role: "system", content: "Rules." },
      { role: "user", content: "Look:\nwhat is it?" },
      { role: "assistant", content: "" },
      { role: "tool", content: "result text" },
      { role: "tool", content: "legacy result" },
    ]);
  });

  it("appends to the first system or developer message, keeping every other field", () => {
    const body = {
      model: "m",
      temperature: 0,
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "hi" },
      ],
    };
    expect(read(body).withSystemAddition("\n\nMARK")).toEqual({
      model: "m",
      temperature: 0,
      messages: [
        { role: "system", content: "Be brief.\n\nMARK" },
        { role: "user", content: "hi" },
      ],
    });
    const parts = { messages: [{ role: "developer", content: [{ type: "text", text: "A" }] }] };
    expect(read(parts).withSystemAddition("\n\nMARK")).toEqual({
      messages: [
        {
          role: "developer",
          content: [
            { type: "text", text: "A" },
            { type: "text", text: "\n\nMARK" },
          ],
        },
      ],
    });
  });

  it("adds a system message first when there is none", () => {
    const body = { messages: [{ role: "user", content: "hi" }] };
    expect(read(body).withSystemAddition("MARK")).toEqual({
      messages: [
        { role: "system", content: "MARK" },
        { role: "user", content: "hi" },
      ],
    });
    expect(body.messages).toHaveLength(1);
  });

  it("names the field at fault", () => {
    expect(readOpenAiRequest({ model: "m" })).toEqual({ ok: false, message: "messages: required: expected array" });
    expect(readOpenAiRequest({ messages: [] })).toMatchObject({
      ok: false,
      message: expect.stringContaining("messages"),
    });
    const wrong = readOpenAiRequest({ messages: [{ role: "user", content: 5 }] });
    expect(wrong).toMatchObject({ ok: false, message: expect.stringContaining("messages[0].content") });
  });
});
