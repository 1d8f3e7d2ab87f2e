/**
 * Builds the model of one file: finds the candidate calls (by the forward search from where Redis
 * can come from, or by walking the whole AST), evaluates each one's receiver, and records the
 * calls made on clients, transactions and pipelines. Recognition itself is in recognition/.
 */
import path from "node:path";
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { type FunctionNode, calleeMember, enclosingFunction, propertyName, unwrap } from "../ast/nodes.js";
import { walk } from "../ast/walk.js";
import { pushTo } from "../util/maps.js";
import { EXEC_METHODS, RAW_METHODS, packageInfo } from "./clients.js";
import { isReadOnly, isWrite, normaliseCommand } from "./commands.js";
import { asyncTwin } from "./recognition/aliases.js";
import { ClassFields } from "./recognition/class-fields.js";
import { Evaluator } from "./recognition/evaluator.js";
import { CrossFile, type Trace } from "./recognition/export-map.js";
import { Evidence } from "./recognition/evidence.js";
import { Locator } from "./recognition/locator.js";
import { Scopes } from "./recognition/scopes.js";
import { Search } from "./recognition/search.js";
import { Structural } from "./recognition/structural.js";
import { TypeInfo } from "./recognition/type-info.js";
import { TypeNames } from "./recognition/type-names.js";
import { type RedisSettings, nameMatcherFor } from "./settings.js";
import { Transactions, computeRawMulti, readRaw } from "./transactions.js";
import type { CallAlias, FileModel, RedisCall, Value } from "./types.js";
import { isRedisValue } from "./recognition/values.js";

/** Text that a copy of a client's method needs (`.bind(`, `promisify`, `pify`), before any AST is looked at. */
export function mayHoldAliases(text: string): boolean {
  return text.includes(".bind(") || text.includes("promisify") || text.includes("pify(");
}

export class Builder {
  private readonly calls: RedisCall[] = [];
  private readonly callMap = new Map<TSESTree.CallExpression, RedisCall>();
  private readonly callNodes: TSESTree.CallExpression[] = [];
  private readonly typeInfo: TypeInfo | null;
  private readonly scopes: Scopes;
  private readonly structural: Structural;
  private readonly transactions = new Transactions();
  private readonly evaluator: Evaluator;
  private readonly search: Search;
  private readonly evidence: Evidence;
  /**
   * The text binds or promisifies something: a call may go through a copy of a client's method.
   * The search's candidates are few and all asked; a copy imported from another module
   * (`const { getAsync } = require("./redis")`) leaves no such text here.
   */
  private mayAliasMemo: boolean | null = null;
  private fullWalk = false;

  constructor(
    private readonly sourceCode: TSESLint.SourceCode,
    private readonly settings: RedisSettings,
    /** Test-only: the original construction (see `buildModelForTest`). */
    private readonly legacy = false,
    /** The file's path on disk, to read the user's own modules it imports (recognition/export-map.ts). */
    origin: { filename?: string; stack?: readonly string[]; trace?: Trace } = {},
  ) {
    const matchesName = nameMatcherFor(settings);
    const crossFile =
      origin.filename && path.isAbsolute(origin.filename)
        ? new CrossFile(origin.filename, settings, origin.stack ?? [origin.filename], origin.trace)
        : null;
    this.typeInfo = settings.typeAware ? TypeInfo.from(sourceCode) : null;
    this.scopes = new Scopes(sourceCode);
    this.structural = new Structural(sourceCode, this.scopes);
    const locator = new Locator(sourceCode);
    const fields = new ClassFields(sourceCode, locator, legacy);
    this.evidence = new Evidence(sourceCode, this.scopes, locator, this.structural);
    this.evaluator = new Evaluator(sourceCode, settings, matchesName, {
      scopes: this.scopes,
      structural: this.structural,
      evidence: this.evidence,
      fields,
      typeNames: new TypeNames(this.scopes, this.transactions),
      transactions: this.transactions,
      typeInfo: this.typeInfo,
      crossFile,
    });
    this.search = new Search(
      sourceCode,
      settings,
      matchesName,
      this.scopes,
      locator,
      fields,
      this.structural,
      this.evidence,
      crossFile,
    );
  }

  build(): FileModel {
    // The original construction indexes every reference up front; otherwise scopes are indexed
    // on first use (see `variableOf`).
    if (this.legacy || this.typeInfo) this.scopes.indexReferences();
    // With type information, any identifier can be a client: every call is a candidate. Otherwise
    // candidates are found by following values forward from where Redis can come from.
    const fullWalk = this.legacy || !!this.typeInfo || !this.search.findCandidates(this.callNodes);
    this.fullWalk = fullWalk;
    if (fullWalk) {
      this.callNodes.length = 0;
      this.structural.clear();
      this.collect();
      this.structural.findStructuralClients(this.callNodes);
    }
    // Parent links are there now (the search needs them, the full walk makes them).
    this.evidence.compute();
    for (const call of this.callNodes) this.recordCall(call);
    this.calls.sort((a, b) => a.node.range[1] - b.node.range[1]);
    for (const tx of this.transactions.list) {
      tx.queued.sort((a, b) => a.node.range[1] - b.node.range[1]);
      tx.execs.sort((a, b) => a.node.range[1] - b.node.range[1]);
    }
    const byFn = new Map<FunctionNode | TSESTree.Program, RedisCall[]>();
    for (const c of this.calls) pushTo(byFn, c.fn, c);
    const callMap = this.callMap;
    const rawMultiCache = new Map<RedisCall, boolean>();
    const model: FileModel = {
      hasRedis: this.calls.length > 0 || this.transactions.list.length > 0 || loadsClientPackage(this.sourceCode),
      settings: this.settings,
      calls: this.calls,
      callsByFunction: byFn,
      transactions: this.transactions.list,
      callAt: (node) => callMap.get(node),
      valueOf: (node) => {
        const v = this.evaluator.evaluate(node);
        return isRedisValue(v) ? v : null;
      },
      packageOf: (node) => {
        const v = this.evaluator.evaluate(node);
        return v?.kind === "module" || v?.kind === "export" ? v : null;
      },
      aliasOf: (node) => {
        const v = this.evaluator.evaluate(node);
        return v?.kind === "alias" ? v : null;
      },
      isRawMulti: (call) => {
        let r = rawMultiCache.get(call);
        if (r === undefined) {
          r = computeRawMulti(call, byFn.get(call.fn) ?? []);
          rawMultiCache.set(call, r);
        }
        return r;
      },
      build: { fullWalk, fallback: this.search.fallback },
    };
    return model;
  }

  /** Whether the text binds or promisifies anything (asked by the full walk only, once). */
  private mayAlias(): boolean {
    return (this.mayAliasMemo ??= mayHoldAliases(this.sourceCode.text));
  }

  /** One walk over the AST: call sites (and parent links, where the parser gave none). */
  private collect(): void {
    walk(
      this.sourceCode.ast,
      this.sourceCode.visitorKeys,
      (node) => {
        if (node.type === "CallExpression") this.callNodes.push(node);
      },
      { arraysInOrder: true, linkParents: true },
    );
  }

  /** Records `call` if its receiver is a client, a transaction or a pipeline, or it calls a copy of one's method (aliases.ts). */
  private recordCall(call: TSESTree.CallExpression): void {
    const member = calleeMember(call);
    let method = member ? propertyName(member) : null;
    let alias: CallAlias | null = null;
    let receiverValue: Value | null = null;
    if (member && method) {
      // Type queries are the expensive part: only ask them about receivers of command-like methods.
      const twin = asyncTwin(method);
      this.evaluator.typesOn =
        RAW_METHODS.has(method) || EXEC_METHODS.has(method) || !!normaliseCommand(method) || !!twin;
      receiverValue = this.evaluator.evaluate(member.object);
      this.evaluator.typesOn = true;
      // bluebird's `promisifyAll`: `client.setnxAsync(k, v)` sends SETNX.
      if (twin && isRedisValue(receiverValue) && !normaliseCommand(method)) {
        method = twin;
        alias = "async-method";
      }
    }
    if (!isRedisValue(receiverValue)) {
      // A copy of a method held in a variable or a field, `setnxAsync(k, v)`, `this.getAsync(k)`,
      // or called where it is made, `promisify(multi.exec).bind(multi)()`.
      const callee = unwrap(call.callee);
      // The full walk asks about every call: only where a copy can be (the text makes one, or the
      // callee is a name or a member of a module of the user's that may export one).
      if (this.fullWalk && callee.type !== "Identifier" && receiverValue?.kind !== "local" && !this.mayAlias()) return;
      if (callee.type !== "Identifier" && callee.type !== "MemberExpression" && callee.type !== "CallExpression")
        return;
      const copy = this.evaluator.evaluate(callee);
      if (copy?.kind !== "alias") return;
      receiverValue = copy.target;
      method = copy.method;
      alias = copy.promisified ? "promisified" : "bound";
    }
    if (!method || !isRedisValue(receiverValue)) return;
    const tx = receiverValue.kind === "client" ? null : receiverValue.tx;
    const client = receiverValue.kind === "client" ? receiverValue : receiverValue.tx.client;
    const family = receiverValue.family;

    let command: string | null;
    let args: TSESTree.Node[] = call.arguments;
    let raw = false;
    const upstashRawExec =
      family === "upstash" &&
      receiverValue.kind === "client" &&
      method === "exec" &&
      unwrap(call.arguments[0] ?? call).type === "ArrayExpression";
    if (RAW_METHODS.has(method) || upstashRawExec) {
      raw = true;
      ({ command, args } = readRaw(method, call.arguments, family));
    } else {
      command = normaliseCommand(method);
    }
    const rc: RedisCall = {
      node: call,
      method,
      alias,
      command,
      raw,
      args,
      receiver: receiverValue.kind,
      family,
      client,
      tx,
      fn: enclosingFunction(call),
      readonly: command ? isReadOnly(command) : false,
      write: command ? isWrite(command) : false,
    };
    this.calls.push(rc);
    this.callMap.set(call, rc);
    this.transactions.recordCall(rc, (node) => this.evaluator.evaluate(node));
  }
}

/** `require("redis")` (or `require('ioredis')`, with spaces): the package named, one at a time. */
const REQUIRE = /\brequire\s*\(\s*(["'`])([^"'`\n]+)\1\s*\)/g;

/**
 * Whether the file imports or requires a client package (not only its types): a file that only
 * makes a client (`export default createClient()`, `module.exports = new Redis()`) has Redis in it
 * for rules about how clients are made, with no command call at all.
 */
function loadsClientPackage(sourceCode: TSESLint.SourceCode): boolean {
  for (const s of sourceCode.ast.body) {
    if (s.type === "ImportDeclaration" && s.importKind !== "type" && packageInfo(s.source.value)) return true;
  }
  const text = sourceCode.text;
  if (!text.includes("require")) return false;
  REQUIRE.lastIndex = 0;
  for (let m = REQUIRE.exec(text); m; m = REQUIRE.exec(text)) if (packageInfo(m[2])) return true;
  return false;
}
