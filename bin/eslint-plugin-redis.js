#!/usr/bin/env node
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

// dist/ is built, never committed: by `npm pack`/`npm publish` for the registry, and by the
// `prepare` script in a git checkout (`npm install`, `npm ci`, a git dependency, pre-commit).
const cli = new URL("../dist/cli.mjs", import.meta.url);
if (!existsSync(cli)) {
  console.error(
    `eslint-plugin-redis: ${fileURLToPath(cli)} is missing: this copy of the package was never built.\n` +
      "In a checkout of the repository, run `npm run build` (npm install and npm ci run it through the `prepare` script).",
  );
  process.exit(2);
}
const { run } = await import(cli.href);

process.exitCode = await run(process.argv.slice(2));
