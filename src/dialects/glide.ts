/**
 * valkey-glide (`@valkey/valkey-glide`): `GlideClient.createClient(...)`, no `duplicate()`;
 * transactions are `Batch` objects sent with `client.exec(batch, raiseOnError)`; SET options
 * `{ conditionalSet: "onlyIfDoesNotExist", expiry: { type: TimeUnit.Seconds, count } }`
 * (docs/semantics.md §1, §2, §3, §4, §6).
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { importedValueName, unwrap } from "../ast/nodes.js";
import { GLIDE_PACKAGE, UNKNOWN_DIALECT, expiryProperty, inlineOptions, lastProperty } from "./base.js";
import type { Dialect, Fix, Fixer } from "./types.js";

/** §6: GLIDE's irregular camelCase counters. */
const COUNTER_METHOD: Record<string, string> = { incrby: "incrBy", decrby: "decrBy", hincrby: "hincrBy" };

/** How a fix names GLIDE's `TimeUnit`, adding the import when the file has none; null when the name is taken. */
export function glideTimeUnit(
  program: TSESTree.Program,
  sourceCode: TSESLint.SourceCode,
): { name: string; fixes: (fixer: Fixer) => Fix[] } | null {
  const existing = importedValueName(program, GLIDE_PACKAGE, "TimeUnit");
  if (existing) return { name: existing, fixes: () => [] };
  // The name must be free in the module.
  const moduleScope =
    sourceCode.scopeManager?.scopes.find((s) => s.type === "module") ?? sourceCode.scopeManager?.globalScope;
  if (!moduleScope || moduleScope.set.has("TimeUnit")) return null;
  for (const s of sourceCode.scopeManager?.scopes ?? []) {
    if (s.through.some((r) => r.identifier.name === "TimeUnit")) return null;
  }
  const imports = program.body.filter((s): s is TSESTree.ImportDeclaration => s.type === "ImportDeclaration");
  const valueImport = imports.find(
    (d) =>
      d.source.value === GLIDE_PACKAGE &&
      d.importKind !== "type" &&
      d.specifiers.length > 0 &&
      d.specifiers.every((s) => s.type === "ImportSpecifier"),
  );
  if (valueImport) {
    const last = valueImport.specifiers[valueImport.specifiers.length - 1];
    return { name: "TimeUnit", fixes: (fixer) => [fixer.insertTextAfter(last, ", TimeUnit")] };
  }
  const lastImport = imports[imports.length - 1];
  if (lastImport) {
    return {
      name: "TimeUnit",
      fixes: (fixer) => [fixer.insertTextAfter(lastImport, `\nimport { TimeUnit } from "${GLIDE_PACKAGE}";`)],
    };
  }
  return {
    name: "TimeUnit",
    fixes: (fixer) => [fixer.insertTextBeforeRange([0, 0], `import { TimeUnit } from "${GLIDE_PACKAGE}";\n`)],
  };
}

export const GLIDE: Dialect = {
  ...UNKNOWN_DIALECT,
  family: "glide",
  known: true,

  label: "valkey-glide",
  clientNoun: "valkey-glide client",
  builderName: "the valkey-glide Batch",

  // §4
  setNxOptions: (unit, ttl, _shape, timeUnit = "TimeUnit") =>
    `{ conditionalSet: "onlyIfDoesNotExist", ${expiryProperty("glide", unit, ttl.text, timeUnit)} }`,
  // GLIDE has no SETNX method.
  rewritesSetnx: false,
  // §4: `set(k, v, { expiry: { type: TimeUnit.Seconds, count: 30 } })`, importing `TimeUnit` for a fix.
  setExpiryOptions(unit, ttl, ctx) {
    const timeUnit = ctx ? glideTimeUnit(ctx.program, ctx.sourceCode) : { name: "TimeUnit", fixes: () => [] };
    if (!timeUnit) return null;
    return { text: `{ ${expiryProperty("glide", unit, ttl.text, timeUnit.name)} }`, fixes: timeUnit.fixes };
  },
  addExpiryToSetNx(call, set, unit, ttl, { sourceCode, program }) {
    const obj = inlineOptions(call, set);
    if (!obj || set.shape !== "glide") return null;
    const timeUnit = glideTimeUnit(program, sourceCode);
    if (!timeUnit) return null;
    const property = expiryProperty("glide", unit, sourceCode.getText(ttl), timeUnit.name);
    return (fixer) => [...timeUnit.fixes(fixer), fixer.insertTextAfter(lastProperty(obj), `, ${property}`)];
  },

  evalForm: "client.invokeScript(new Script(script), { keys: [key], args: [token] })",
  scriptParameters: "invokeScript(new Script(script), { keys, args }) with one Script made once",
  evalCall(receiver, script, key, args, sourceCode, prefer) {
    const strings = args.map((a) => a.str).join(", ");
    if (prefer === "eval") return `${receiver}.customCommand(["EVAL", ${script}, "1", ${key}, ${strings}])`;
    const Script = importedValueName(sourceCode.ast, GLIDE_PACKAGE, "Script");
    return Script ? `${receiver}.invokeScript(new ${Script}(${script}), { keys: [${key}], args: [${strings}] })` : null;
  },

  scanName: "scan(cursor, { match })",
  clusterScanName: "scan(new ClusterScanCursor(), { match }) until cursor.isFinished()",
  scanReplacement: (client, pattern) =>
    `(async () => { const keys = []; let cursor = "0"; do { const [next, batch] = await ${client}.scan(cursor, { match: ${pattern} }); cursor = String(next); keys.push(...batch); } while (cursor !== "0"); return keys; })()`,
  scanLocals: new Set(["keys", "cursor", "next", "batch"]),

  // §2: the client sends the batch; `raiseOnError: false` puts a RequestError in place of a value.
  execName: "client.exec(batch)",
  execOnClient: true,
  // exec() takes no callback (docs/semantics.md §2).
  execCallbackErrorFirst: false,
  execLabel(call) {
    if (call.raw) return `${this.label} ${call.method}("EXEC")`;
    return `${this.label} exec(batch)`;
  },
  resultSource: (index) => `client.exec(batch)'s result${index === null ? "" : ` at index ${index}`}`,
  queuedCallbacks: false,
  execResultShape(exec) {
    if (exec.receiver !== "client" || exec.method !== "exec") return null;
    const raise = exec.node.arguments[1] ? unwrap(exec.node.arguments[1]) : null;
    return raise?.type === "Literal" && raise.value === false ? "errors-in-place" : null;
  },

  // §3: an aborted atomic batch resolves to null.
  watchAbort: "its exec() resolves to null",
  execNullOnAbort: true,
  watchInMulti: "the batch runs unprotected",
  atomicAlternatives:
    "or watch([key]) on a dedicated GlideClient, write with exec(new Batch(true), true) and retry a bounded number of times while it returns null, or do both in one Lua Script with invokeScript().",

  // §1: no `duplicate()`; a second client is the dedicated connection.
  dedicatedConnection:
    "a GLIDE client of its own (`await GlideClient.createClient(...)`), used only for this transaction",
  transactionObject: "queue the commands on `new Batch(true)` and send them with `client.exec(batch, true)`, or use ",
  // Not verified whether a blocking command holds the multiplexed connection: no-blocking-on-shared-client stays silent.
  blockingConnection: null,

  // §5: subscriptions are made at client creation; no subscriber mode to misuse.
  subscriberMode: "none",

  hasCounterMethods: true,
  counterMethod: (command) => COUNTER_METHOD[command] ?? command,

  // §10: GlideClusterClient splits these per slot (its documented remarks) rather than failing with CROSSSLOT.
  clusterSplits: new Set(["mget", "mset", "del", "exists", "unlink", "touch", "watch"]),

  // §14: `expireAt`, `pexpireAt`; no SETEX / PSETEX methods.
  expiryMethod: (command) => GLIDE_EXPIRY_METHOD[command] ?? null,
};

const GLIDE_EXPIRY_METHOD: Record<string, string> = {
  expire: "expire",
  pexpire: "pexpire",
  expireat: "expireAt",
  pexpireat: "pexpireAt",
};
