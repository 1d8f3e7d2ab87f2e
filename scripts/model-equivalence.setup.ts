/**
 * Vitest setup for `npm run model:equivalence`: every model a test builds (through `getModel`) is
 * also built by the original walk-based construction, and the two must agree. A difference throws
 * inside the rule, so the test that exercised it fails and names the code.
 */
import { vi } from "vitest";
import type { TSESLint } from "@typescript-eslint/utils";
import type * as GetModelModule from "../src/model/get-model.js";
import { earlyExitAdmits } from "../src/model/get-model.js";
import { readSettings } from "../src/model/settings.js";

type Model = ReturnType<typeof GetModelModule.getModel>;
type Call = Model["calls"][number];
type Tx = Model["transactions"][number];

const r = (node: { range: [number, number] } | null | undefined) => (node ? `${node.range[0]}-${node.range[1]}` : "-");
const client = (c: Call["client"]) =>
  c
    ? `${c.family}/${c.key}/${c.lives}/${c.via}/${c.cluster ?? ""}/${c.pool ?? ""}/${r(c.origin)}/${r(c.options)}`
    : "none";
const describeCall = (c: Call) =>
  `${r(c.node)} ${c.method}→${c.command} ${c.receiver} ${c.family} raw=${c.raw} args=${c.args.map(r).join(",")} client=${client(c.client)} tx=${c.tx ? r(c.tx.node) : "-"} fn=${r(c.fn)}`;
const describeTx = (t: Tx) =>
  `${r(t.node)} ${t.family} atomic=${t.atomic} client=${client(t.client)} queued=${t.queued.map((c) => r(c.node)).join(",")} execs=${t.execs.map((c) => r(c.node)).join(",")}`;

function compare(label: string, a: string[], b: string[], text: string): void {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) {
      throw new Error(
        `model equivalence: ${label}[${i}]: walk ${a[i] ?? "(none)"} | search ${b[i] ?? "(none)"}\n--- code:\n${text}`,
      );
    }
  }
}

vi.mock("../src/model/get-model.js", async (importOriginal) => {
  const original = await importOriginal<typeof GetModelModule>();
  const seen = new WeakSet<object>();
  return {
    ...original,
    getModel(context: {
      sourceCode: TSESLint.SourceCode;
      settings: Record<string, unknown>;
      physicalFilename?: string;
    }) {
      const ast = context.sourceCode.ast;
      if (!seen.has(ast)) {
        seen.add(ast);
        const walk = original.buildModelForTest(context.sourceCode, context.settings, {
          fullWalk: true,
          filename: context.physicalFilename,
        });
        const search = original.buildModelForTest(context.sourceCode, context.settings, {
          filename: context.physicalFilename,
        });
        const text = context.sourceCode.text;
        compare("calls", walk.calls.map(describeCall), search.calls.map(describeCall), text);
        compare("transactions", walk.transactions.map(describeTx), search.transactions.map(describeTx), text);
        if (
          (walk.calls.length || walk.transactions.length) &&
          !earlyExitAdmits(context.sourceCode, readSettings(context.settings), context.physicalFilename)
        ) {
          throw new Error(
            `model equivalence: the early exit says "no Redis", but the model finds ${walk.calls.length} calls\n--- code:\n${text}`,
          );
        }
      }
      return original.getModel(context);
    },
  };
});
