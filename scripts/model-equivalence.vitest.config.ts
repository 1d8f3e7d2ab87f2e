import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/** `npm run model:equivalence`, second half: the rule and model suites with both constructions compared. */
export default defineConfig({
  root: fileURLToPath(new URL("..", import.meta.url)),
  test: {
    include: ["tests/rules/**/*.test.ts", "tests/model/**/*.test.ts", "tests/docs-examples.test.ts"],
    // It counts model builds, which the comparison doubles.
    exclude: ["tests/model/performance-shape.test.ts"],
    setupFiles: ["scripts/model-equivalence.setup.ts"],
    testTimeout: 60_000,
  },
});
