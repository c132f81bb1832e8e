import { RampartError } from "@rampart/guard";

const CHANNEL_NAME = /^[a-z][a-z0-9_]{0,30}$/;

/** The database-wide channel of a schema's named channel: lower case, so LISTEN and pg_notify agree. */
export function channelName(schema: string, name: string): string {
  if (!CHANNEL_NAME.test(name)) {
    throw new RampartError(
      "STORE_FAILED",
      `The channel name ${JSON.stringify(name)} must be lower-case letters, digits and _.`,
    );
  }
  return `rampart_${schema}_${name}`;
}
