import { readFileSync } from "node:fs";
import { defineConfig } from "tsdown";

/** A rule file whose first line is `// STUB:` is a placeholder that must not ship (see src/index.ts). */
const STUB_RULE = /[\\/]src[\\/]rules[\\/][^\\/]+\.ts$/;

export default defineConfig({
  entry: ["src/index.ts", "src/cli.ts"],
  format: "esm",
  dts: true,
  platform: "node",
  target: "node20",
  clean: true,
  plugins: [
    {
      name: "drop-stub-rules",
      load(id: string) {
        if (!STUB_RULE.test(id)) return null;
        return readFileSync(id, "utf8").startsWith("// STUB:") ? "export default undefined;\n" : null;
      },
    },
  ],
});
