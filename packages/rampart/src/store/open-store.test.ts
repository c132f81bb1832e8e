import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_MIGRATIONS_DIR, openStore, resolveStoreLocation } from "./open-store.js";
import { maskUrl } from "./postgres-store.js";

describe("resolveStoreLocation", () => {
  it("lets flags beat the environment: --database, then --store-dir, then DATABASE_URL", () => {
    const env = { DATABASE_URL: "postgres://env/db", RAMPART_STORE_DIR: "/env-dir" };
    expect(resolveStoreLocation(env, { database: "postgres://flag/db", storeDir: "/flag-dir" })).toEqual({
      databaseUrl: "postgres://flag/db",
    });
    expect(resolveStoreLocation(env, { storeDir: "/flag-dir" })).toEqual({ directory: "/flag-dir" });
    expect(resolveStoreLocation(env, {})).toEqual({ databaseUrl: "postgres://env/db" });
    expect(resolveStoreLocation({ ...env, RAMPART_DATABASE_SCHEMA: "tenant_a" }, {})).toEqual({
      databaseUrl: "postgres://env/db",
      schema: "tenant_a",
    });
  });

  it("otherwise picks the PGlite directory from --store-dir, RAMPART_STORE_DIR or .rampart/store", () => {
    expect(resolveStoreLocation({ RAMPART_STORE_DIR: "/env-dir" }, { storeDir: "/flag-dir" })).toEqual({
      directory: "/flag-dir",
    });
    expect(resolveStoreLocation({ RAMPART_STORE_DIR: "/env-dir" }, {})).toEqual({ directory: "/env-dir" });
    expect(resolveStoreLocation({ DATABASE_URL: "" }, {})).toEqual({ directory: ".rampart/store" });
  });
});

describe("openStore", () => {
  it("looks for migrations in packages/rampart/migrations by default", () => {
    expect(DEFAULT_MIGRATIONS_DIR.endsWith(join("packages", "rampart", "migrations"))).toBe(true);
  });

  it.each(["Public", "1st", "a-b", 'x"; DROP SCHEMA public; --', "a".repeat(64)])(
    "refuses the schema name %j",
    async (schema) => {
      await expect(openStore({ schema })).rejects.toMatchObject({ code: "STORE_FAILED" });
    },
  );

  it("refuses a URL that is not postgres:// and a pool of no connections, masking the password", async () => {
    const refused = openStore({ databaseUrl: "mysql://root:hunter2@db/x" });
    await expect(refused).rejects.toMatchObject({ code: "STORE_FAILED", message: expect.stringContaining("****") });
    await expect(refused).rejects.not.toMatchObject({ message: expect.stringContaining("hunter2") });
    await expect(openStore({ databaseUrl: "postgres://db/x", maxConnections: 0 })).rejects.toMatchObject({
      code: "STORE_FAILED",
    });
  });

  it("reports a server it cannot reach as STORE_FAILED, naming it without its password", async () => {
    const error = await openStore({ databaseUrl: "postgres://rampart:s3cr%40t@127.0.0.1:1/test" }).catch((e) => e);
    expect(error).toMatchObject({
      code: "STORE_FAILED",
      message: expect.stringContaining("PostgreSQL at postgres://rampart:****@127.0.0.1:1/test"),
    });
    expect(error.message).not.toContain("s3cr");
    expect(error.message).toContain("ECONNREFUSED");
    expect(error.cause).toBeDefined();
  });
});

describe("maskUrl", () => {
  it.each([
    ["postgres://user:pw@host:5432/db", "postgres://user:****@host:5432/db"],
    ["postgresql://:pw@host/db", "postgresql://:****@host/db"],
    ["postgres://user:p@ss:w/rd@host/db", "postgres://user:****@host/db"],
    ["postgres://user@host/db?sslmode=require&password=pw", "postgres://user@host/db?sslmode=require&password=****"],
    ["postgres://host/db", "postgres://host/db"],
  ])("masks %s", (url, masked) => {
    expect(maskUrl(url)).toBe(masked);
  });
});
