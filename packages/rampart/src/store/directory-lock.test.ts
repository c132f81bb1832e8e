import { spawn } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openStore } from "./open-store.js";

const migrationsDir = new URL("fixtures/migrations-basic", import.meta.url).pathname;

function exited(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""]);
  return new Promise((resolve) => child.on("exit", () => resolve(child.pid!)));
}

describe("one process per embedded store directory", () => {
  it("refuses a second open of a directory that is open, and frees it on close", async () => {
    const directory = await mkdtemp(join(tmpdir(), "rampart-lock-"));
    const first = await openStore({ directory, migrationsDir });
    await expect(openStore({ directory, migrationsDir })).rejects.toMatchObject({ code: "STORE_FAILED" });
    expect((await readFile(join(directory, "rampart.lock"), "utf8")).trim()).toBe(String(process.pid));
    await first.close();
    const again = await openStore({ directory, migrationsDir });
    await again.close();
  });

  it("refuses a directory a live process holds, naming it", async () => {
    const directory = await mkdtemp(join(tmpdir(), "rampart-lock-"));
    const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"]);
    try {
      await writeFile(join(directory, "rampart.lock"), `${holder.pid}\n`);
      await expect(openStore({ directory, migrationsDir })).rejects.toThrow(`in use by process ${holder.pid}`);
    } finally {
      holder.kill("SIGKILL");
    }
  });

  it("takes over the lock of a process that died without releasing it", async () => {
    const directory = await mkdtemp(join(tmpdir(), "rampart-lock-"));
    await writeFile(join(directory, "rampart.lock"), `${await exited()}\n`);
    const store = await openStore({ directory, migrationsDir });
    expect((await store.query<{ one: number }>("SELECT 1 AS one"))[0]!.one).toBe(1);
    await store.close();
  });
});
