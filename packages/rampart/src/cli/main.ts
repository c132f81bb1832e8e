/** Entry point of the `rampart` command: returns the process exit code, never calls process.exit. */
export async function main(_argv: readonly string[]): Promise<number> {
  return 0;
}
