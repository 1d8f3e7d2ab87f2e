import { ASTUtils, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import {
  type Family,
  type FunctionNode,
  type Node,
  type RedisCall,
  FAMILY_LABEL,
  contains,
  getModel,
  isFunction,
  propertyName,
  unwrap,
  useOf,
} from "../model/index.js";
import { createRule } from "../util/create-rule.js";

type MessageIds = "unchecked" | "ignored" | "throwOnAbort";
type Mode = "watched" | "always";
type Options = [{ requireNullCheck?: Mode }];
type Variable = TSESLint.Scope.Variable;

/**
 * The clients whose EXEC resolves to `null` when a WATCHed key changed (semantics §2): ioredis and
 * iovalkey (`multi().exec()`, and `exec()` / `call("EXEC")` after a raw MULTI), GLIDE
 * (`client.exec(batch)` of an atomic Batch) and Bun (`send("EXEC", [])`). node-redis throws
 * `WatchError` instead, and Upstash has no WATCH: neither is in scope.
 */
const NULL_ON_ABORT = new Set<Family>(["ioredis", "glide", "bun"]);

const ABORT_ERROR = `throw new Error("Transaction aborted: a WATCHed key changed")`;

/** Calls that throw when their argument is falsy (node:assert, tiny-invariant, vitest/jest `expect`). */
const ASSERTS = new Set(["assert", "ok", "invariant", "assertNotNull", "assertDefined", "assertExists", "expect", "strictAssert"]);

interface Candidate {
  exec: RedisCall;
  /** The WATCH that makes this exec able to resolve to null (absent in `always` mode). */
  watch: RedisCall | null;
}

/** What is wrong with how an exec() result is used, or null when it is checked or handed on. */
type Finding =
  | { kind: "unchecked"; how: string; node: Node }
  | { kind: "ignored"; how: string }
  | null;

function execLabel(call: RedisCall): string {
  if (call.raw) return `${FAMILY_LABEL[call.family]} ${call.method}("EXEC")`;
  if (call.family === "glide") return `${FAMILY_LABEL.glide} exec(batch)`;
  return `${FAMILY_LABEL[call.family]} ${call.method}()`;
}

/** The functions enclosing `node`, innermost first, then the Program. */
function enclosingFunctions(node: Node): Set<Node> {
  const out = new Set<Node>();
  for (let n: Node | undefined = node.parent; n; n = n.parent) {
    if (isFunction(n) || n.type === "Program") out.add(n);
  }
  return out;
}

function isNullLiteral(node: Node): boolean {
  const n = unwrap(node);
  return (n.type === "Literal" && n.value === null && !("regex" in n)) || (n.type === "Identifier" && n.name === "undefined");
}

function isStrictNull(node: Node): boolean {
  const n = unwrap(node);
  return n.type === "Literal" && n.value === null && !("regex" in n);
}

function calleeName(call: TSESTree.CallExpression): string | null {
  const callee = unwrap(call.callee);
  if (callee.type === "Identifier") return callee.name;
  if (callee.type === "MemberExpression") return propertyName(callee);
  return null;
}

/** Statements that never complete normally. */
function alwaysExits(stmt: Node | null | undefined): boolean {
  if (!stmt) return false;
  switch (stmt.type) {
    case "ReturnStatement":
    case "ThrowStatement":
    case "ContinueStatement":
    case "BreakStatement":
      return true;
    case "BlockStatement":
      return stmt.body.some((s) => alwaysExits(s));
    case "IfStatement":
      return alwaysExits(stmt.consequent) && alwaysExits(stmt.alternate);
    case "ExpressionStatement": {
      const e = unwrap(stmt.expression);
      if (e.type !== "CallExpression") return false;
      const callee = unwrap(e.callee);
      return (
        callee.type === "MemberExpression" &&
        unwrap(callee.object).type === "Identifier" &&
        (unwrap(callee.object) as TSESTree.Identifier).name === "process" &&
        propertyName(callee) === "exit"
      );
    }
    default:
      return false;
  }
}

/** Does `stmt` give the variable a value (`res = []`, `res ??= []`)? */
function assignsVariable(stmt: Node | null | undefined, isVar: (n: Node) => boolean): boolean {
  if (!stmt) return false;
  if (stmt.type === "BlockStatement") return stmt.body.some((s) => assignsVariable(s, isVar));
  if (stmt.type !== "ExpressionStatement") return false;
  const e = unwrap(stmt.expression);
  return e.type === "AssignmentExpression" && isVar(e.left);
}

export default createRule<Options, MessageIds>({
  name: "no-unchecked-exec",
  meta: {
    type: "problem",
    docs: {
      description: "Require a null check on the result of exec() when a WATCH can abort the transaction",
      recommended: true,
    },
    hasSuggestions: true,
    schema: [
      {
        type: "object",
        properties: {
          requireNullCheck: {
            type: "string",
            enum: ["watched", "always"],
            description:
              '"watched": only when a WATCH on the same client comes earlier in the function; "always": every exec() of a client that resolves to null on a WATCH abort.',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ requireNullCheck: "watched" }],
    messages: {
      unchecked:
        "{{exec}} resolves to null when the transaction is aborted ({{why}}), but this result is {{how}} without a null check. Check it first (`if (result === null)`) and retry or report the conflict.",
      ignored:
        "{{exec}} resolves to null when the transaction is aborted ({{why}}), and then nothing was written; but this result is {{how}}, so the code goes on as if the transaction applied. Check it for null and retry or report the conflict.",
      throwOnAbort: "Throw when exec() resolves to null (the transaction was aborted).",
    },
  },
  defaultOptions: [{ requireNullCheck: "watched" }],
  create(context, [options]) {
    const model = getModel(context);
    if (!model.hasRedis) return {};
    const mode: Mode = options?.requireNullCheck === "always" ? "always" : "watched";
    const sourceCode = context.sourceCode;

    /**
     * The WATCH on the exec's client that comes before it in its function or an enclosing one,
     * unless an EXEC, DISCARD or UNWATCH on that connection ends it on every path in between
     * (an earlier transaction's `exec()`, an `unwatch()` that is not inside a branch).
     */
    function watchBefore(exec: RedisCall, clientKey: string | undefined): RedisCall | null {
      if (!clientKey) return null;
      const calls: RedisCall[] = [];
      for (const fn of enclosingFunctions(exec.node)) {
        for (const c of model.callsByFunction.get(fn as FunctionNode | TSESTree.Program) ?? []) {
          if (c.node.range[1] <= exec.node.range[0]) calls.push(c);
        }
      }
      let watch: RedisCall | null = null;
      for (const c of calls) {
        if (c.command === "watch" && c.receiver === "client" && c.client?.key === clientKey && (!watch || c.node.range[0] > watch.node.range[0])) watch = c;
      }
      if (!watch) return null;
      const w = watch;
      const cleared = calls.some(
        (c) =>
          c.node.range[0] >= w.node.range[1] &&
          endsWatch(c, clientKey) &&
          dominates(c.node, exec.node),
      );
      return cleared ? null : watch;
    }

    /** EXEC, DISCARD or UNWATCH sent on the connection `clientKey`. */
    function endsWatch(c: RedisCall, clientKey: string): boolean {
      if (c.receiver === "client") {
        return c.client?.key === clientKey && (c.command === "exec" || c.command === "discard" || c.command === "unwatch");
      }
      // `conn.multi()...exec()`: the transaction's EXEC goes to its client's connection.
      return !!c.tx && c.tx.atomic && c.tx.client?.key === clientKey && c.tx.execs.includes(c);
    }

    /** `earlier` runs on every path to `later`: its statement sits, outside any branch, in a block around `later`. */
    function dominates(earlier: Node, later: Node): boolean {
      let n: Node = earlier;
      for (;;) {
        const p = n.parent;
        if (!p) return false;
        if ((p.type === "BlockStatement" || p.type === "Program" || p.type === "StaticBlock") && contains(p, later)) return true;
        switch (p.type) {
          case "ExpressionStatement":
          case "VariableDeclaration":
          case "VariableDeclarator":
          case "AwaitExpression":
          case "ChainExpression":
          case "TSNonNullExpression":
          case "TSAsExpression":
            n = p;
            continue;
          case "MemberExpression":
          case "CallExpression":
            // The exec of a chain: `conn.multi().set(k, v).exec()` (not a callback argument).
            if ((p.type === "MemberExpression" && p.object === n) || (p.type === "CallExpression" && p.callee === n)) {
              n = p;
              continue;
            }
            return false;
          default:
            return false;
        }
      }
    }

    function candidates(): Candidate[] {
      const out: Candidate[] = [];
      const linked = new Set<RedisCall>();
      for (const tx of model.transactions) {
        for (const exec of tx.execs) linked.add(exec);
        if (!tx.atomic || !NULL_ON_ABORT.has(tx.family)) continue;
        for (const exec of tx.execs) {
          if (exec.method === "execAsPipeline") continue;
          const watch = watchBefore(exec, (tx.client ?? exec.client)?.key);
          if (watch || mode === "always") out.push({ exec, watch });
        }
      }
      for (const call of model.calls) {
        if (call.receiver !== "client" || call.command !== "exec" || linked.has(call)) continue;
        if (!NULL_ON_ABORT.has(call.family)) continue;
        const watch = watchBefore(call, call.client?.key);
        // A GLIDE `client.exec(batch)` whose batch we cannot see may be a plain pipeline.
        if (watch || (mode === "always" && call.family !== "glide")) out.push({ exec: call, watch });
      }
      return out;
    }

    function variableOf(id: TSESTree.Identifier): Variable | null {
      try {
        return ASTUtils.findVariable(sourceCode.getScope(id), id) ?? null;
      } catch {
        return null;
      }
    }

    /** `(x)!`: a non-null assertion on the value, after any `await`. */
    function nonNullAsserted(expr: Node): boolean {
      let n: Node = expr;
      for (;;) {
        const p = n.parent;
        if (!p) return false;
        if (p.type === "TSNonNullExpression") return true;
        if (p.type === "TSAsExpression" || p.type === "TSSatisfiesExpression" || p.type === "TSTypeAssertion" || p.type === "AwaitExpression") {
          n = p;
          continue;
        }
        return false;
      }
    }

    function memberHow(member: TSESTree.MemberExpression): string {
      const name = propertyName(member);
      if (member.computed) return name ? `read as [${JSON.stringify(name)}]` : "indexed";
      return name ? `used as .${name}` : "used as an object";
    }

    /** Classifies one use of the (awaited) result. */
    function valueUse(expr: Node): { type: "unsafe"; how: string; node: Node } | { type: "check" | "neutral" | "escape" } | { type: "variable"; variable: Variable } {
      const use = useOf(expr, sourceCode);
      if (nonNullAsserted(expr)) return { type: "unsafe", how: "asserted non-null with `!`", node: use.node };
      switch (use.kind) {
        case "destructured":
          return { type: "unsafe", how: "destructured", node: use.parent };
        case "spread":
          return { type: "unsafe", how: "spread", node: use.parent };
        case "member": {
          const p = use.parent;
          if (p.type === "MemberExpression") {
            if (p.optional) return { type: "check" };
            return { type: "unsafe", how: memberHow(p), node: p };
          }
          return { type: "escape" };
        }
        case "condition":
        case "compared":
        case "nullish":
          return { type: "check" };
        case "argument": {
          const p = use.parent;
          if (p.type === "CallExpression") {
            const name = calleeName(p);
            const callee = unwrap(p.callee);
            if (name && ASSERTS.has(name) && p.arguments[0] === use.node) return { type: "check" };
            if (callee.type === "MemberExpression" && unwrap(callee.object).type === "Identifier" && (unwrap(callee.object) as TSESTree.Identifier).name === "console") {
              return { type: "neutral" };
            }
          }
          return { type: "escape" };
        }
        case "variable":
          return use.variable ? { type: "variable", variable: use.variable } : { type: "escape" };
        case "stored": {
          const p = use.parent;
          if (p.type === "AssignmentExpression" && p.operator === "=" && p.left.type === "Identifier") {
            const v = variableOf(p.left);
            if (v) return { type: "variable", variable: v };
          }
          return { type: "escape" };
        }
        case "discarded":
          return { type: "neutral" };
        case "other":
          if (use.parent.type === "ForOfStatement" && use.parent.right === use.node) {
            return { type: "unsafe", how: "iterated with for...of", node: use.parent.right };
          }
          return { type: "escape" };
        default:
          return { type: "escape" };
      }
    }

    function analyzeVariable(variable: Variable): Finding {
      const reads = variable.references.filter((r) => r.isRead());
      const refIds = new Set<Node>(variable.references.map((r) => r.identifier as Node));
      const isVar = (n: Node): boolean => {
        const u = unwrap(n);
        return u.type === "Identifier" && refIds.has(u);
      };
      if (reads.length === 0) return { kind: "ignored", how: `stored in \`${variable.name}\` and never read` };
      let checked = false;
      let escapes = false;
      const unsafe: { how: string; node: Node; id: Node }[] = [];
      for (const ref of reads) {
        const id = ref.identifier as Node;
        const u = valueUse(id);
        if (u.type === "unsafe") unsafe.push({ how: u.how, node: u.node, id });
        else if (u.type === "check") checked = true;
        else if (u.type !== "neutral") escapes = true;
      }
      for (const u of unsafe) {
        if (!isGuarded(u.id, isVar)) return { kind: "unchecked", how: `${u.how} (as \`${variable.name}\`)`, node: u.node };
      }
      if (!unsafe.length && !checked && !escapes) return { kind: "ignored", how: `stored in \`${variable.name}\` and never checked` };
      return null;
    }

    /** Analyses the value of `expr`, a promise of the result when `promise` is true. */
    function analyze(expr: Node, promise: boolean): Finding {
      const use = useOf(expr, sourceCode);
      if (promise && !use.awaited) {
        switch (use.kind) {
          case "member": {
            const p = use.parent;
            if (p.type !== "MemberExpression" || p.parent?.type !== "CallExpression" || p.parent.callee !== p) return null;
            const name = propertyName(p);
            if (name === "then") return analyzeCallback(p.parent.arguments[0], 0);
            if (name === "catch" || name === "finally") return analyze(p.parent, true);
            return null;
          }
          case "discarded":
            return { kind: "ignored", how: "never awaited or checked" };
          case "variable":
            return use.variable ? analyzePromiseVariable(use.variable) : null;
          default:
            return null;
        }
      }
      const u = valueUse(expr);
      if (u.type === "unsafe") return { kind: "unchecked", how: u.how, node: u.node };
      if (u.type === "variable") return analyzeVariable(u.variable);
      if (u.type === "neutral" && use.kind === "discarded") return { kind: "ignored", how: "discarded" };
      return null;
    }

    function analyzePromiseVariable(variable: Variable): Finding {
      for (const ref of variable.references) {
        if (!ref.isRead()) continue;
        const f = analyze(ref.identifier as Node, true);
        if (f?.kind === "unchecked") return f;
      }
      return null;
    }

    /** `.then((res) => ...)` (index 0) or ioredis `exec((err, res) => ...)` (index 1). */
    function analyzeCallback(arg: Node | undefined, index: number): Finding {
      if (!arg || !isFunction(arg)) return null;
      const param = arg.params[index];
      if (!param) return null;
      if (param.type === "ArrayPattern" || param.type === "ObjectPattern") return { kind: "unchecked", how: "destructured in the callback", node: param };
      if (param.type !== "Identifier") return null;
      const [variable] = sourceCode.getDeclaredVariables(arg).filter((v) => v.defs.some((d) => d.name === param));
      return variable ? analyzeVariable(variable) : null;
    }

    // -------------------------------------------------------------------------------------------
    // Null checks

    function optionalOn(expr: Node, isVar: (n: Node) => boolean): boolean {
      let n = unwrap(expr);
      let optional = false;
      while (n.type === "MemberExpression" || n.type === "CallExpression") {
        if (n.optional) optional = true;
        n = unwrap(n.type === "MemberExpression" ? n.object : n.callee);
      }
      return optional && isVar(n);
    }

    /** True when `test` being truthy means the variable is not null. */
    function truthyTest(test: Node, isVar: (n: Node) => boolean): boolean {
      const t = unwrap(test);
      if (isVar(t)) return true;
      switch (t.type) {
        case "UnaryExpression":
          return t.operator === "!" && falsyTest(t.argument, isVar);
        case "LogicalExpression":
          return t.operator === "&&" && (truthyTest(t.left, isVar) || truthyTest(t.right, isVar));
        case "BinaryExpression": {
          const { left, right } = t as { left: Node; right: Node };
          if (t.operator === "!==" || t.operator === "!=") {
            if (isVar(left) && (t.operator === "!=" ? isNullLiteral(right) : isStrictNull(right))) return true;
            if (isVar(right) && (t.operator === "!=" ? isNullLiteral(left) : isStrictNull(left))) return true;
          }
          if (t.operator === "instanceof" && isVar(left)) return true;
          // `res?.length > 0`, `res?.[0]?.[1] === "OK"`
          if (/^(?:===|==|>|>=|<|<=)$/.test(t.operator)) {
            if (optionalOn(left, isVar) && !isNullLiteral(right)) return true;
            if (optionalOn(right, isVar) && !isNullLiteral(left)) return true;
          }
          return false;
        }
        case "CallExpression": {
          const name = calleeName(t);
          if ((name === "isArray" || name === "Boolean") && t.arguments[0] && isVar(t.arguments[0])) return true;
          return false;
        }
        case "MemberExpression":
          return optionalOn(t, isVar);
        default:
          return false;
      }
    }

    /** True when `test` being falsy means the variable is not null. */
    function falsyTest(test: Node, isVar: (n: Node) => boolean): boolean {
      const t = unwrap(test);
      switch (t.type) {
        case "UnaryExpression":
          return t.operator === "!" && truthyTest(t.argument, isVar);
        case "LogicalExpression":
          return t.operator === "||" && (falsyTest(t.left, isVar) || falsyTest(t.right, isVar));
        case "BinaryExpression": {
          const { left, right } = t as { left: Node; right: Node };
          if (t.operator === "===" || t.operator === "==") {
            if (isVar(left) && (t.operator === "==" ? isNullLiteral(right) : isStrictNull(right))) return true;
            if (isVar(right) && (t.operator === "==" ? isNullLiteral(left) : isStrictNull(left))) return true;
          }
          return false;
        }
        default:
          return false;
      }
    }

    /** Does `stmt`, run before a later statement of the same list, guarantee a non-null variable? */
    function guardsAfter(stmt: Node, isVar: (n: Node) => boolean): boolean {
      switch (stmt.type) {
        case "IfStatement":
          if (falsyTest(stmt.test, isVar) && (alwaysExits(stmt.consequent) || assignsVariable(stmt.consequent, isVar))) return true;
          if (truthyTest(stmt.test, isVar) && stmt.alternate && alwaysExits(stmt.alternate)) return true;
          return false;
        case "ExpressionStatement": {
          const e = unwrap(stmt.expression);
          if (e.type === "CallExpression") {
            const name = calleeName(e);
            return !!name && ASSERTS.has(name) && !!e.arguments[0] && truthyTest(e.arguments[0], isVar);
          }
          // `res ??= []`, `res = res ?? []`
          if (e.type === "AssignmentExpression" && isVar(e.left)) {
            return e.operator === "??=" || e.operator === "||=" || (e.operator === "=" && unwrap(e.right).type === "LogicalExpression");
          }
          return false;
        }
        case "WhileStatement":
        case "DoWhileStatement":
        case "ForStatement":
          if (stmt.test && falsyTest(stmt.test, isVar)) return true;
          return breaksWhenSet(stmt.body, isVar);
        default:
          return false;
      }
    }

    /** A retry loop that leaves with `if (res) break;` (or returns). */
    function breaksWhenSet(body: Node, isVar: (n: Node) => boolean): boolean {
      const stmts = body.type === "BlockStatement" ? body.body : [body];
      return stmts.some(
        (s) => s.type === "IfStatement" && truthyTest(s.test, isVar) && (s.consequent.type === "BreakStatement" || (s.consequent.type === "BlockStatement" && s.consequent.body.some((b) => b.type === "BreakStatement"))),
      );
    }

    function isGuarded(use: Node, isVar: (n: Node) => boolean): boolean {
      let child: Node = use;
      for (let a: Node | undefined = use.parent; a; child = a, a = a.parent) {
        switch (a.type) {
          case "IfStatement":
          case "ConditionalExpression":
            if (child === a.consequent && truthyTest(a.test, isVar)) return true;
            if (child === a.alternate && falsyTest(a.test, isVar)) return true;
            break;
          case "LogicalExpression":
            if (child === a.right && a.operator === "&&" && truthyTest(a.left, isVar)) return true;
            if (child === a.right && a.operator === "||" && falsyTest(a.left, isVar)) return true;
            break;
          case "WhileStatement":
          case "ForStatement":
            if (child === a.body && a.test && truthyTest(a.test, isVar)) return true;
            break;
          case "BlockStatement":
          case "Program":
          case "StaticBlock":
            for (const s of a.body as Node[]) {
              if (s === child) break;
              if (guardsAfter(s, isVar)) return true;
            }
            break;
          case "SwitchCase":
            for (const s of a.consequent) {
              if (s === child) break;
              if (guardsAfter(s, isVar)) return true;
            }
            break;
          default:
            break;
        }
      }
      return false;
    }

    // -------------------------------------------------------------------------------------------
    // Suggestions

    function inStatementList(stmt: Node): boolean {
      const p = stmt.parent;
      return !!p && (p.type === "BlockStatement" || p.type === "Program" || p.type === "SwitchCase" || p.type === "StaticBlock");
    }

    function indentOf(node: Node): string {
      const line = sourceCode.lines[node.loc.start.line - 1] ?? "";
      return /^\s*/.exec(line)![0];
    }

    function suggestionFor(exec: RedisCall): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
      const use = useOf(exec.node, sourceCode);
      if (!use.awaited) return [];
      const parent = use.parent;
      // `await tx.exec();` → `if ((await tx.exec()) === null) throw ...;`
      if (use.kind === "discarded" && parent.type === "ExpressionStatement" && inStatementList(parent) && parent.expression === use.node) {
        return [
          {
            messageId: "throwOnAbort",
            fix: (fixer) => fixer.replaceText(parent, `if ((${sourceCode.getText(use.node)}) === null) ${ABORT_ERROR};`),
          },
        ];
      }
      // `const res = await tx.exec();` → add `if (res === null) throw ...;` after it.
      let stmt: Node | null = null;
      let name: string | null = null;
      if (use.kind === "variable" && parent.type === "VariableDeclarator" && parent.id.type === "Identifier") {
        const decl = parent.parent;
        if (decl?.type === "VariableDeclaration" && decl.declarations.length === 1) {
          stmt = decl;
          name = parent.id.name;
        }
      } else if (use.kind === "stored" && parent.type === "AssignmentExpression" && parent.left.type === "Identifier" && parent.parent?.type === "ExpressionStatement") {
        stmt = parent.parent;
        name = parent.left.name;
      }
      if (!stmt || !name || !inStatementList(stmt)) return [];
      const guard = `\n${indentOf(stmt)}if (${name} === null) ${ABORT_ERROR};`;
      const target = stmt;
      return [{ messageId: "throwOnAbort", fix: (fixer) => fixer.insertTextAfter(target, guard) }];
    }

    return {
      "Program:exit"() {
        for (const { exec, watch } of candidates()) {
          // ioredis `exec(callback)` with a callback we cannot see (`exec(done)`): the result goes there.
          if (exec.family === "ioredis" && !exec.raw && exec.receiver !== "client" && exec.node.arguments.length > 0 && !exec.node.arguments.some((a) => isFunction(a))) continue;
          const finding = exec.node.arguments.some((a) => isFunction(a))
            ? analyzeCallback(exec.node.arguments.find((a) => isFunction(a)), 1)
            : analyze(exec.node, true);
          if (!finding) continue;
          const why = watch
            ? `a key WATCHed at line ${watch.node.loc.start.line} changed before EXEC`
            : "a WATCH on this connection, yours or another caller's on a shared client, saw a change";
          context.report({
            node: exec.node,
            messageId: finding.kind,
            data: { exec: execLabel(exec), why, how: finding.how },
            suggest: suggestionFor(exec),
          });
        }
      },
    };
  },
});
