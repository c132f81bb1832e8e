import type { Message } from "@rampart/guard";
import { afterEach, describe, expect, it } from "vitest";
import { fillTemplate, httpTarget } from "./http-target.js";
import { parsePath, readPath } from "./json-path.js";
import { type JsonServerReply, type JsonServerRequest, startJsonServer } from "./json-server.testing.js";

const fast = { backoffMs: 5, timeoutMs: 2_000 };
/** `${NAME}`: how a header names an environment variable. */
const ref = (name: string) => `\${${name}}`;
const HOSTILE = 'He said "stop"\\ \n\t{{messages}} "}, "admin": true, "x": "\u2028</script>\u0000 {{prompt}} 🙂';

let servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function serve(answer: (request: JsonServerRequest) => JsonServerReply) {
  const server = await startJsonServer(answer);
  servers.push(server);
  return server;
}

describe("httpTarget", () => {
  it("fills the template with JSON-escaped hostile text that cannot break out or be re-read as a placeholder", async () => {
    const server = await serve(() => ({ json: { data: { answer: "fine" } } }));
    const target = httpTarget(
      {
        url: `${server.url}/api/chat`,
        headers: { Authorization: `Bearer ${ref("APP_TOKEN")}`, "X-Team": "red" },
        body: '{"query": "{{prompt}}", "history": {{ messages }}, "admin": false}',
        responsePath: "data.answer",
      },
      { APP_TOKEN: "tok-123" },
      fast,
    );
    const messages: Message[] = [
      { role: "system", content: "Be safe." },
      { role: "user", content: HOSTILE },
    ];
    expect(await target.send(messages)).toEqual({ text: "fine", blocked: false });
    const [received] = server.requests;
    expect(received!.method).toBe("POST");
    expect(received!.path).toBe("/api/chat");
    expect(received!.headers.authorization).toBe("Bearer tok-123");
    expect(received!.headers["x-team"]).toBe("red");
    expect(received!.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(received!.text)).toEqual({ query: HOSTILE, history: messages, admin: false });
  });

  it("{{prompt}} is the last user message", () => {
    const messages: Message[] = [
      { role: "user", content: "first" },
      { role: "assistant", content: "ok" },
      { role: "user", content: "second" },
      { role: "tool", content: "result" },
    ];
    expect(fillTemplate('"{{prompt}}"', messages)).toBe('"second"');
  });

  it("reads the reply at a dotted path with array indexes, and the method asked for", async () => {
    const server = await serve(() => ({
      json: { choices: [{ message: { content: "zero" } }, { message: { content: "one" } }], n: [[1, 2], [3]] },
    }));
    const send = (responsePath: string) =>
      httpTarget({ url: server.url, method: "PUT", body: '{"q":"{{prompt}}"}', responsePath }, {}, fast).send([
        { role: "user", content: "hi" },
      ]);
    expect((await send("choices[1].message.content")).text).toBe("one");
    expect((await send("choices[0].message")).text).toBe('{"content":"zero"}');
    expect((await send("n[0][1]")).text).toBe("2");
    expect(server.requests.every((r) => r.method === "PUT")).toBe(true);
    const top = await serve(() => ({ json: [{ text: "top-level array" }] }));
    const target = httpTarget({ url: top.url, body: "{}", responsePath: "[0].text" }, {}, fast);
    expect((await target.send([{ role: "user", content: "hi" }])).text).toBe("top-level array");
  });

  it("an answer without the path is an error that names the path", async () => {
    const server = await serve(() => ({ json: { data: { other: "x" }, list: [] } }));
    for (const responsePath of ["data.answer", "list[0].text", "data.other.deeper", "data[0]"]) {
      const target = httpTarget({ url: server.url, body: "{}", responsePath }, {}, fast);
      await expect(target.send([{ role: "user", content: "hi" }])).rejects.toThrow(
        `target http:${server.url}: the answer has nothing at ${responsePath}`,
      );
    }
  });

  it("checks the spec when the target is made: the path, the variables, the template", () => {
    const spec = { url: "http://127.0.0.1:1/", body: '{"q":"{{prompt}}"}', responsePath: "a" };
    for (const responsePath of ["a..b", ".a", "a[x]", "a[0", ""]) {
      expect(() => httpTarget({ ...spec, responsePath }, {}), responsePath).toThrow(/responsePath/);
    }
    expect(() => httpTarget({ ...spec, headers: { authorization: `Bearer ${ref("NOPE")}` } }, {})).toThrow(
      "the environment variable NOPE is not set",
    );
    expect(() => httpTarget({ ...spec, body: '{"q": {{prompt}}}' }, {})).toThrow(/does not make JSON/);
    const form = { ...spec, headers: { "content-type": "text/plain" }, body: "q={{prompt}}" };
    expect(() => httpTarget(form, {})).not.toThrow();
  });

  it("never puts a header's secret in an error when the app echoes it", async () => {
    const server = await serve((request) => ({
      status: 403,
      json: { error: `token ${String(request.headers.authorization)} is not allowed` },
    }));
    const target = httpTarget(
      { url: server.url, headers: { authorization: `Bearer ${ref("APP_TOKEN")}` }, body: "{}", responsePath: "a" },
      { APP_TOKEN: "tok-very-secret" },
      fast,
    );
    const error = (await target.send([{ role: "user", content: "hi" }]).catch((e: unknown) => e)) as Error;
    expect(error.message).toBe(`target http:${server.url} answered HTTP 403: token Bearer [redacted] is not allowed`);
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain("tok-very-secret");
    expect(server.requests).toHaveLength(1);
  });
});

describe("json paths", () => {
  it("parse into names and indexes, and read nothing through a missing or wrong-typed step", () => {
    expect(parsePath("choices[0].message.content")).toEqual(["choices", 0, "message", "content"]);
    expect(parsePath("[2][0].a-b")).toEqual([2, 0, "a-b"]);
    expect(readPath({ a: [{ b: "x" }] }, ["a", 0, "b"])).toBe("x");
    expect(readPath({ a: { 0: "x" } }, ["a", 0])).toBeUndefined();
    expect(readPath({ a: ["x"] }, ["a", "length"])).toBeUndefined();
    expect(readPath({}, ["toString"])).toBeUndefined();
  });
});
