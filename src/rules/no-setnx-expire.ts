import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import {
  type RedisCall,
  type SetOptions,
  expiryPairs,
  queuedRemoval,
  runsExactlyOnSuccess,
  sameClient,
} from "../model/index.js";
import {
  EXPIRY_UNIT,
  counterExpiryReplacement,
  dialectOf,
  dialectsFor,
  rewritePlainSetWithExpiry,
  rewriteSetWithExpiry,
} from "../dialects/index.js";
import { type Node, calleeMember, unwrap } from "../ast/nodes.js";
import { constInit } from "../ast/scope.js";
import { noLoopOrFunctionBetween, portableTo, removeStatement } from "../ast/statements.js";
import { truthinessOnly, useOf, wholeStatement } from "../ast/usage.js";
import { createRule } from "../util/create-rule.js";

type MessageIds = "setnxExpire" | "setnxExpireInMulti" | "setExpire" | "incrExpire" | "useAtomicSet" | "useLuaScript";
type Options = [{ checkIncr?: boolean }];
type Fixer = TSESLint.RuleFixer;

/** The TTL as the messages write it (Bun's typed `set` takes strings: `String(ttl)`). */
const MESSAGE_TTL = { text: "ttl", str: "String(ttl)" };

function isTypeScriptFile(filename: string): boolean {
  return /\.[cm]?tsx?$/i.test(filename);
}

function describeCall(call: RedisCall): string {
  return dialectOf(call.family).describeCall(call, "command");
}

/** What every message about a write and its separate EXPIRE names. */
function pairData(call: RedisCall, expire: RedisCall, expireCommand: string, family: string) {
  return {
    set: describeCall(call),
    expire: describeCall(expire),
    expireCommand: expireCommand.toUpperCase(),
    line: String(expire.node.loc.start.line),
    family,
  };
}

/** A TTL written as a positive integer literal, or a variable that only ever holds one. */
function isLiteralTtl(n: Node, sourceCode: TSESLint.SourceCode): boolean {
  let u = unwrap(n);
  if (u.type === "Identifier") {
    const init = constInit(u, sourceCode);
    if (!init) return false;
    u = unwrap(init);
  }
  return u.type === "Literal" && typeof u.value === "number" && Number.isInteger(u.value) && u.value > 0;
}

/** The statement that is the awaited call and nothing else: `await c.set(k, v);`, `const r = await c.set(k, v);`. */
function awaitedStatement(call: RedisCall, sourceCode: TSESLint.SourceCode): TSESTree.Statement | null {
  const use = useOf(call.node, sourceCode);
  if (!use.awaited) return null;
  if (use.kind === "discarded" && use.parent.type === "ExpressionStatement") return use.parent;
  const decl = use.parent.parent;
  if (
    use.kind === "variable" &&
    use.parent.type === "VariableDeclarator" &&
    decl?.type === "VariableDeclaration" &&
    decl.declarations.length === 1
  )
    return decl;
  return null;
}

/** `b` is the statement right after `a` in the same block. */
function nextStatement(a: TSESTree.Statement, b: TSESTree.Statement): boolean {
  const parent = a.parent;
  if (!parent || parent !== b.parent) return false;
  if (parent.type !== "BlockStatement" && parent.type !== "Program" && parent.type !== "StaticBlock") return false;
  const body = parent.body as Node[];
  const i = body.indexOf(a);
  return i >= 0 && body[i + 1] === b;
}

export default createRule<Options, MessageIds>({
  name: "no-setnx-expire",
  meta: {
    type: "problem",
    docs: {
      description:
        "Disallow SETNX, SET NX or a plain SET followed by a separate EXPIRE, which leaves the key without a TTL if the process dies in between",
      recommended: "error",
    },
    fixable: "code",
    hasSuggestions: true,
    schema: [
      {
        type: "object",
        properties: {
          checkIncr: {
            type: "boolean",
            description:
              "Also report INCR, INCRBY, INCRBYFLOAT, DECR, DECRBY, HINCRBY or HINCRBYFLOAT followed by a separate EXPIRE of the same key.",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ checkIncr: true }],
    messages: {
      setnxExpire:
        "{{set}} and the {{expire}} on line {{line}} are two commands: if the process dies or the connection drops between them, the key is left without a TTL and the lock is never released. Set the value and the expiry in one command with {{family}}: {{atomic}}.",
      setExpire:
        "{{set}} and the {{expire}} on line {{line}} are two commands: if the process dies or the connection drops between them, the key is left without a TTL and never expires. Write the value and its expiry in one SET with {{family}}: {{atomic}}{{keep}}.",
      setnxExpireInMulti:
        "{{set}} and the {{expire}} on line {{line}} are queued in the same MULTI: the {{expireCommand}} runs even when the key was not set, and so extends another owner's lock. Set the value and the expiry in one command with {{family}}: {{atomic}}.",
      incrExpire:
        "{{incr}} and the {{expire}} on line {{line}} are two round trips ({{family}}): if the process dies between them, the counter never expires. Run both in one Lua script, or queue {{expireCommand}} with NX in the same MULTI as the {{incrCommand}}.",
      useAtomicSet: "Use {{atomic}} and drop the separate {{expireCommand}}.",
      useLuaScript: "Increment and set the TTL (when the key has none) in one Lua script.",
    },
  },
  create(context, [options], model) {
    const sourceCode = context.sourceCode;
    const program = sourceCode.ast as TSESTree.Program;
    const checkIncr = options?.checkIncr !== false;
    const typescript = isTypeScriptFile(context.filename);
    // node-redis at the version pinned in settings, else the installed `redis`.
    const dialects = dialectsFor(context, model);

    const reportSetnx = (call: RedisCall, set: SetOptions, expire: RedisCall) => {
      // expiryPairs pairs only calls whose command it read.
      const expireCommand = expire.command;
      if (expireCommand === null) return;
      const unit = EXPIRY_UNIT[expireCommand];
      const dialect = dialects(call.family);
      const ttl = expire.args[1];
      const inOneTx = !!call.tx && call.tx === expire.tx;
      const data = {
        ...pairData(call, expire, expireCommand, dialect.label),
        // node-redis in the v4 shape, which every version reads.
        atomic: dialect.atomicSetForm("value", unit, MESSAGE_TTL, "node-redis-v4"),
      };
      const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
      let fix: TSESLint.ReportFixFunction | null = null;

      const rewritable =
        dialect.known &&
        !expire.raw &&
        expire.args.length === 2 &&
        expire.node.arguments.length === 2 &&
        !!ttl &&
        ttl.type !== "SpreadElement" &&
        portableTo(ttl, call.node, sourceCode, false);
      const rewrite = rewritable ? rewriteSetWithExpiry(call, set, unit, ttl, sourceCode, program, dialect) : null;
      const setFix = rewrite?.apply;

      if (setFix && !inOneTx && call.receiver === "client" && expire.receiver === "client") {
        const stmt = wholeStatement(expire.node, sourceCode);
        if (stmt) {
          const removal = (fixer: Fixer) => removeStatement(fixer, stmt, sourceCode);
          const setUse = useOf(call.node, sourceCode);
          const expireUse = useOf(expire.node, sourceCode);
          const truthy = truthinessOnly(call.node, sourceCode);
          const safe =
            sameClient(call, expire) &&
            setUse.awaited &&
            expireUse.awaited &&
            (truthy || set.command === "set") &&
            portableTo(ttl, call.node, sourceCode, true) &&
            noLoopOrFunctionBetween(stmt, call.node) &&
            runsExactlyOnSuccess(stmt, call.node, sourceCode);
          if (safe) {
            fix = (fixer) => [...setFix(fixer), removal(fixer)];
          } else if (truthy || set.command === "set") {
            suggest.push({ messageId: "useAtomicSet", data, fix: (fixer) => [...setFix(fixer), removal(fixer)] });
          } else {
            // SETNX's 1/0 (or true/false) is used as a value: keep it.
            const keep = dialect.setnxReplyFromSet;
            const replaced = rewrite?.callText;
            const awaitNode = call.node.parent?.type === "AwaitExpression" ? call.node.parent : null;
            if (keep && replaced && (awaitNode || !setUse.awaited)) {
              suggest.push({
                messageId: "useAtomicSet",
                data,
                fix: (fixer) => [
                  awaitNode
                    ? fixer.replaceText(awaitNode, keep(`(await ${replaced})`))
                    : fixer.replaceText(call.node, `${replaced}.then((r) => ${keep("r")})`),
                  removal(fixer),
                ],
              });
            }
          }
        }
      } else if (setFix && inOneTx && call.tx) {
        // Only when nothing reads exec()'s result: dropping the EXPIRE shifts its indexes.
        const tx = call.tx;
        const execsDiscarded =
          tx.execs.length > 0 && tx.execs.every((e) => useOf(e.node, sourceCode).kind === "discarded");
        const removal = execsDiscarded ? queuedRemoval(expire, sourceCode) : null;
        if (removal)
          suggest.push({ messageId: "useAtomicSet", data, fix: (fixer) => [...setFix(fixer), removal(fixer)] });
      }

      context.report({
        node: call.node,
        messageId: inOneTx ? "setnxExpireInMulti" : "setnxExpire",
        data,
        fix,
        suggest,
      });
    };

    /**
     * A plain SET (no NX, expiry or KEEPTTL), then EXPIRE. Fixed only when moving the TTL into the
     * SET provably changes nothing else: both are awaited statements on the same client, the
     * EXPIRE right after the SET, no flag, callback or raw command, a positive integer TTL
     * (literal, or a constant declared before the SET), and a SET of key and value only. No
     * suggestion otherwise.
     */
    const reportPlain = (call: RedisCall, set: SetOptions, expire: RedisCall) => {
      // expiryPairs pairs only calls whose command it read.
      const expireCommand = expire.command;
      if (expireCommand === null) return;
      const unit = EXPIRY_UNIT[expireCommand];
      const dialect = dialects(call.family);
      const options = dialect.known ? (dialect.setExpiryOptions?.(unit, MESSAGE_TTL) ?? null) : null;
      const data = {
        ...pairData(call, expire, expireCommand, dialect.label),
        atomic: options ? `set(key, value, ${options.text})` : `SET key value ${unit} ttl`,
        // XX, GET, a Redis 8.4 condition (IFEQ ...): the expiry joins them.
        keep: set.shape === "none" ? "" : ", keeping its other options",
      };
      let fix: TSESLint.ReportFixFunction | null = null;
      const ttl = expire.args[1];
      const setStmt = awaitedStatement(call, sourceCode);
      const expireStmt = wholeStatement(expire.node, sourceCode);
      if (
        dialect.known &&
        !expire.raw &&
        call.receiver === "client" &&
        expire.receiver === "client" &&
        // Written `client.expire(...)`, not `client["expire"](...)`. A copy (`expireAsync(k, 30)`,
        // `client.expireAsync(k, 30)`) gets no fix from createRule (src/util/alias-fixes.ts).
        calleeMember(expire.node)?.computed === false &&
        expire.args.length === 2 &&
        expire.node.arguments.length === 2 &&
        !!ttl &&
        ttl.type !== "SpreadElement" &&
        isLiteralTtl(ttl, sourceCode) &&
        portableTo(ttl, call.node, sourceCode, true) &&
        sameClient(call, expire) &&
        setStmt &&
        expireStmt &&
        useOf(expire.node, sourceCode).awaited &&
        nextStatement(setStmt, expireStmt)
      ) {
        const write = rewritePlainSetWithExpiry(call, set, unit, ttl, sourceCode, program, dialect);
        if (write) fix = (fixer) => [...write(fixer), removeStatement(fixer, expireStmt, sourceCode)];
      }
      context.report({ node: call.node, messageId: "setExpire", data, fix });
    };

    const reportIncr = (call: RedisCall, expire: RedisCall) => {
      // expiryPairs pairs only calls whose commands it read.
      const incrCommand = call.command;
      const expireCommand = expire.command;
      if (incrCommand === null || expireCommand === null) return;
      const ttl = expire.args[1];
      const dialect = dialects(call.family);
      const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
      if (
        dialect.known &&
        !call.raw &&
        call.receiver === "client" &&
        !expire.raw &&
        expire.node.arguments.length === 2 &&
        ttl &&
        ttl.type !== "SpreadElement" &&
        portableTo(ttl, call.node, sourceCode, false)
      ) {
        const text = counterExpiryReplacement(call, expire, ttl, sourceCode, typescript, dialect);
        if (text) suggest.push({ messageId: "useLuaScript", fix: (fixer) => fixer.replaceText(call.node, text) });
      }
      context.report({
        node: call.node,
        messageId: "incrExpire",
        data: {
          incr: describeCall(call),
          family: dialect.label,
          incrCommand: incrCommand.toUpperCase(),
          expire: describeCall(expire),
          expireCommand: expireCommand.toUpperCase(),
          line: String(expire.node.loc.start.line),
        },
        suggest,
      });
    };

    return {
      "Program:exit"() {
        for (const pair of expiryPairs(model, sourceCode)) {
          if (pair.kind === "set") reportSetnx(pair.maker, pair.set, pair.expire);
          else if (pair.kind === "plain") reportPlain(pair.maker, pair.set, pair.expire);
          else if (checkIncr) reportIncr(pair.maker, pair.expire);
        }
      },
    };
  },
});
