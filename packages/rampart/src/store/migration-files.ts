import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { RampartError } from "@rampart/guard";

/** One migration file: NNNN_name.sql. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly file: string;
  readonly sql: string;
  readonly sha256: string;
}

const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/**
 * The migrations in a folder, in version order. A folder that does not exist holds none unless it was
 * asked for explicitly (required); any other file in it must be named NNNN_name.sql.
 */
export async function readMigrations(directory: string, required: boolean): Promise<Migration[]> {
  const files = await listFiles(directory, required);
  const migrations: Migration[] = [];
  for (const file of files) {
    const match = FILE_NAME.exec(file);
    if (!match) {
      throw new RampartError(
        "MIGRATION_FAILED",
        `${join(directory, file)} is not named like a migration (NNNN_name.sql, lower-case letters, digits and _); rename it or move it out of the folder.`,
      );
    }
    const sql = await readFile(join(directory, file), "utf8");
    migrations.push({ version: Number(match[1]), name: match[2]!, file, sql, sha256: checksum(sql) });
  }
  migrations.sort((a, b) => a.version - b.version);
  migrations.forEach((migration, index) => {
    const previous = migrations[index - 1];
    if (previous?.version === migration.version) {
      throw new RampartError(
        "MIGRATION_FAILED",
        `${previous.file} and ${migration.file} in ${directory} have the same version; give one of them the next free number.`,
      );
    }
  });
  return migrations;
}

async function listFiles(directory: string, required: boolean): Promise<string[]> {
  try {
    // Hidden files (.DS_Store, editor swap files) are not migrations and not mistakes either.
    return (await readdir(directory)).filter((file) => !file.startsWith("."));
  } catch (cause) {
    if (!required && (cause as { code?: unknown }).code === "ENOENT") return [];
    throw new RampartError("MIGRATION_FAILED", `Could not read the migrations folder ${directory}.`, { cause });
  }
}

// A checkout with CRLF line endings holds the same migration as one with LF.
function checksum(sql: string): string {
  return createHash("sha256").update(sql.replaceAll("\r\n", "\n")).digest("hex");
}
