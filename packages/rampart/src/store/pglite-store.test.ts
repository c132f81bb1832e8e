import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "./open-store.js";

describe("the embedded store", () => {
  const roots: string[] = [];
  afterAll(async () => {
    for (const root of roots) await rm(root, { recursive: true, force: true });
  });

  it("reports a directory it cannot use as STORE_FAILED, naming it", async () => {
    const root = await mkdtemp(join(tmpdir(), "rampart-pglite-"));
    roots.push(root);
    const file = join(root, "not-a-directory");
    await writeFile(file, "");
    await expect(openStore({ directory: file })).rejects.toMatchObject({
      code: "STORE_FAILED",
      message: expect.stringContaining(`embedded store's directory ${file}`),
    });
  });

  it("creates its tables in the schema it was given", async () => {
    const migrationsDir = fileURLToPath(new URL("fixtures/migrations-basic", import.meta.url));
    const store = await openStore({ schema: "tenant_a", migrationsDir });
    try {
      expect(
        await store.query("SELECT current_schema() AS schema, to_regclass('tenant_a.notes') IS NOT NULL AS notes"),
      ).toEqual([{ schema: "tenant_a", notes: true }]);
    } finally {
      await store.close();
    }
  });
});
