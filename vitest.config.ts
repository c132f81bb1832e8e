import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: { "@rampart/guard": fileURLToPath(new URL("packages/guard/src/index.ts", import.meta.url)) },
  },
  test: {
    include: ["packages/*/src/**/*.test.ts"],
    testTimeout: 30_000,
  },
});
