import type { TSESTree } from "@typescript-eslint/utils";
import { GLIDE_PACKAGE, dialectOf } from "../dialects/index.js";
import type { Dialect } from "../dialects/index.js";
import { type Node, importedValueName, propertyName, staticString, unwrap } from "../ast/nodes.js";
import { type DynamicPart, type RedisCall, dynamicScriptPart } from "../model/index.js";
import { createRule } from "../util/create-rule.js";

type MessageIds = "injection" | "scriptCache";

/** Commands whose first argument is a script text. */
const SCRIPT_COMMANDS = new Set(["eval", "eval_ro"]);

/** The script text a call sends or defines: EVAL / EVAL_RO, SCRIPT LOAD, ioredis `defineCommand(name, { lua })`. */
function scriptArgument(call: RedisCall): Node | null {
  const args = call.args;
  if (call.command !== null && SCRIPT_COMMANDS.has(call.command)) return args[0] ?? null;
  if (call.command === "script") {
    // `script("LOAD", text)`, `call("SCRIPT", "LOAD", text)`; node-redis `scriptLoad(text)`, Upstash `scriptLoad(text)`.
    if (staticString(args[0])?.toUpperCase() === "LOAD") return args[1] ?? null;
    return !call.raw && /^script_?load$/i.test(call.method) ? (args[0] ?? null) : null;
  }
  if (call.command === null && call.method === "defineCommand" && args.length === 2) {
    const options = unwrap(args[1]);
    if (options.type !== "ObjectExpression") return null;
    for (const prop of options.properties) {
      if (prop.type === "Property" && !prop.computed && prop.key.type === "Identifier" && prop.key.name === "lua") {
        return prop.value;
      }
    }
  }
  return null;
}

/** A value's text for a message, shortened. */
function shorten(text: string): string {
  const one = text.replace(/\s+/g, " ");
  return one.length > 40 ? `${one.slice(0, 37)}...` : one;
}

export default createRule<[], MessageIds>({
  name: "no-dynamic-lua-script",
  meta: {
    type: "problem",
    docs: {
      description:
        "Disallow Lua script text built from run-time values, which injects code and fills the server's script cache",
      recommended: "error",
    },
    schema: [],
    messages: {
      injection:
        "{{call}} sends a Lua script whose text is built from `{{value}}`, which comes from {{source}}: a crafted value rewrites the script and runs its own Lua on the server (script injection), and every distinct value compiles and caches one more script. Keep the script text constant and pass the value as KEYS / ARGV: {{form}}.",
      scriptCache:
        "{{call}} sends a Lua script whose text is built from `{{value}}` ({{source}}): the server compiles every distinct text and keeps it in its script cache, so the cache grows with each new value (until SCRIPT FLUSH; servers that evict EVAL scripts compile them again instead) and every call pays a compilation. Keep the script text constant and pass the value as KEYS / ARGV: {{form}}.",
    },
  },
  create(context, _options, model) {
    const sourceCode = context.sourceCode;
    const report = (node: Node, label: string, dialect: Dialect, part: DynamicPart): void => {
      context.report({
        node,
        messageId: part.kind === "injection" ? "injection" : "scriptCache",
        data: {
          call: label,
          value: shorten(sourceCode.getText(part.node)),
          source: part.source,
          form: dialect.scriptParameters,
        },
      });
    };
    // GLIDE's script object: `new Script(text)`.
    const glideScript = importedValueName(sourceCode.ast, GLIDE_PACKAGE, "Script");
    const isGlideScript = (callee: TSESTree.Expression): boolean => {
      if (!glideScript) return false;
      if (callee.type === "Identifier") return callee.name === glideScript;
      if (callee.type !== "MemberExpression" || callee.object.type !== "Identifier") return false;
      return `${callee.object.name}.${propertyName(callee)}` === glideScript;
    };
    return {
      NewExpression(node) {
        if (!isGlideScript(node.callee) || node.arguments.length === 0) return;
        const part = dynamicScriptPart(node.arguments[0], sourceCode);
        const glide = dialectOf("glide");
        if (part) report(node, `${glide.label} new Script(...)`, glide, part);
      },
      "Program:exit"() {
        for (const call of model.calls) {
          const script = scriptArgument(call);
          if (!script || script.type === "SpreadElement") continue;
          const part = dynamicScriptPart(script, sourceCode);
          if (!part) continue;
          const dialect = dialectOf(call.family);
          report(call.node, dialect.describeCall(call), dialect, part);
        }
      },
    };
  },
});
