import { RampartError } from "@rampart/guard";

/** Where targets read API keys from: `process.env`, or a test's own record. Keys come from nowhere else. */
export type Env = Readonly<Record<string, string | undefined>>;

/**
 * The API key in the environment variable `name`. A variable the spec named explicitly must be
 * set; the default one may be missing (local OpenAI-compatible servers take no key): undefined.
 */
export function apiKeyFrom(target: string, name: string | undefined, fallback: string, env: Env): string | undefined {
  const value = env[name ?? fallback];
  if (value !== undefined && value !== "") return value;
  if (name === undefined) return undefined;
  throw new RampartError("INPUT_INVALID", `target ${target}: the environment variable ${name} (apiKeyEnv) is not set`);
}

/**
 * Replaces each `${NAME}` in `text` with that environment variable, and lists the values put in:
 * they are secrets. An unset variable is an error that names it.
 */
export function expandEnv(target: string, text: string, env: Env): { value: string; secrets: string[] } {
  const secrets: string[] = [];
  const value = text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
    const found = env[name];
    if (found === undefined) {
      throw new RampartError("INPUT_INVALID", `target ${target}: the environment variable ${name} is not set`);
    }
    secrets.push(found);
    return found;
  });
  return { value, secrets };
}

/** `{base}{route}` where the base may end in `/v1` or not, as clients' base URLs do (see the proxy's `upstreamUrl`). */
export function apiUrl(base: string, route: string): string {
  return `${base.replace(/\/+$/, "").replace(/\/v1$/, "")}${route}`;
}
