import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readMigrations } from "./migration-files.js";

describe("readMigrations", () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), "rampart-migrations-"));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it("reads NNNN_name.sql files in numeric order, skipping hidden files", async () => {
    await writeFile(join(directory, "0010_later.sql"), "SELECT 10;");
    await writeFile(join(directory, "0002_first.sql"), "SELECT 2;");
    await writeFile(join(directory, ".DS_Store"), "");
    const migrations = await readMigrations(directory, true);
    expect(migrations.map(({ version, name, file }) => ({ version, name, file }))).toEqual([
      { version: 2, name: "first", file: "0002_first.sql" },
      { version: 10, name: "later", file: "0010_later.sql" },
    ]);
    expect(migrations[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("gives CRLF and LF copies of a file one checksum", async () => {
    await writeFile(join(directory, "0001_a.sql"), "SELECT 1;\nSELECT 2;\n");
    const [lf] = await readMigrations(directory, true);
    await writeFile(join(directory, "0001_a.sql"), "SELECT 1;\r\nSELECT 2;\r\n");
    const [crlf] = await readMigrations(directory, true);
    expect(crlf!.sha256).toBe(lf!.sha256);
  });

  it.each(["1_short.sql", "0001-dash.sql", "0001_Upper.sql", "0001_notes.txt", "README.md"])(
    "rejects a file named %s",
    async (file) => {
      await writeFile(join(directory, file), "SELECT 1;");
      await expect(readMigrations(directory, true)).rejects.toMatchObject({
        code: "MIGRATION_FAILED",
        message: expect.stringContaining(file),
      });
    },
  );

  it("rejects two files with one version", async () => {
    await writeFile(join(directory, "0001_a.sql"), "SELECT 1;");
    await writeFile(join(directory, "0001_b.sql"), "SELECT 1;");
    await expect(readMigrations(directory, true)).rejects.toMatchObject({
      code: "MIGRATION_FAILED",
      message: expect.stringMatching(/0001_a\.sql and 0001_b\.sql/),
    });
  });

  it("treats a missing folder as no migrations only when it was not asked for", async () => {
    const missing = join(directory, "absent");
    expect(await readMigrations(missing, false)).toEqual([]);
    await expect(readMigrations(missing, true)).rejects.toMatchObject({
      code: "MIGRATION_FAILED",
      message: expect.stringContaining(missing),
    });
  });
});
