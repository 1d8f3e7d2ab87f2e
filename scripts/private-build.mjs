/**
 * The plugin and its model, built from src/ into `.bench-dist/<name>` (not dist/, which tests and
 * users load), for the scripts that measure or compare the model: model-cost, model-equivalence
 * and bench/growth. With `dist`, an existing build of that shape is loaded instead.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";

const repo = path.resolve(import.meta.dirname, "..");

/** Resolves to `{ plugin, model }`: the built plugin (default export) and `src/model/index.ts`'s exports. */
export async function privateBuild(name, dist) {
  let outDir = dist && path.resolve(dist);
  if (!outDir) {
    outDir = path.join(repo, ".bench-dist", name);
    const { build } = await import("tsdown");
    await build({
      entry: { index: "src/index.ts", model: "src/model/index.ts" },
      outDir,
      dts: false,
      clean: true,
      logLevel: "warn",
      cwd: repo,
    });
  }
  const plugin = (await import(pathToFileURL(path.join(outDir, "index.mjs")).href)).default;
  const model = await import(pathToFileURL(path.join(outDir, "model.mjs")).href);
  return { plugin, model };
}
