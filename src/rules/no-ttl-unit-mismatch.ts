import type { TSESLint } from "@typescript-eslint/utils";
import { type Node, unwrap } from "../ast/nodes.js";
import { dialectsFor } from "../dialects/index.js";
import {
  type ExpirySlot,
  type RedisCall,
  clockReading,
  expirySlots,
  nameUnit,
  namedValue,
  pxatDateInSeconds,
  swappedSetex,
} from "../model/index.js";
import { createRule } from "../util/create-rule.js";

type MessageIds =
  | "millisecondsAt"
  | "secondsAt"
  | "millisecondsName"
  | "secondsName"
  | "swapped"
  | "dateInSeconds"
  | "divideBy1000"
  | "multiplyBy1000"
  | "convertName"
  | "switchUnit"
  | "swapArguments";
type Suggestion = TSESLint.SuggestionReportDescriptor<MessageIds>;

/** The other unit's command or option: EXPIRE ↔ PEXPIRE, SETEX ↔ PSETEX, EX ↔ PX, EXAT ↔ PXAT. */
function otherUnit(s: ExpirySlot): string {
  if (s.isCommand) return s.name.startsWith("P") ? s.name.slice(1) : `P${s.name}`;
  return `${s.name.startsWith("P") ? "E" : "P"}${s.name.slice(1)}`;
}

/** GLIDE's `TimeUnit` members for the other unit. */
const GLIDE_OTHER: Readonly<Record<string, string>> = { Seconds: "Milliseconds", Milliseconds: "Seconds" };

/** `target` in the case `written` is in: `ex` → `px`, `EX` → `PX`. */
function caseLike(written: string, target: string): string {
  return written === written.toLowerCase() ? target.toLowerCase() : target;
}

/** How messages name an argument: its text when short. */
function shown(node: Node, sourceCode: TSESLint.SourceCode): string {
  const text = sourceCode.getText(node).replace(/\s+/g, " ");
  return text.length <= 40 ? `\`${text}\`` : "this value";
}

/**
 * `text` in place of `node`, in parentheses unless it is a primary expression or `node` is a whole
 * argument, element, property value or template slot (where no operator binds it).
 */
function inPlace(node: Node, text: string, primary: boolean): string {
  if (primary) return text;
  const p = node.parent;
  const free =
    (p?.type === "CallExpression" && p.callee !== node) ||
    p?.type === "ArrayExpression" ||
    (p?.type === "Property" && p.value === node) ||
    p?.type === "TemplateLiteral";
  return free ? text : `(${text})`;
}

/** `new Date(x)` with its argument list: `.getTime()` can follow it (not `new Date`, where it would bind to `Date`). */
function isCalledNew(node: Node, sourceCode: TSESLint.SourceCode): boolean {
  return node.type === "NewExpression" && sourceCode.getText(node).endsWith(")");
}

function isPrimary(node: Node): boolean {
  const u = unwrap(node);
  return (
    u.type === "Identifier" || u.type === "CallExpression" || u.type === "MemberExpression" || u.type === "Literal"
  );
}

export default createRule<[], MessageIds>({
  name: "no-ttl-unit-mismatch",
  meta: {
    type: "problem",
    docs: {
      description:
        "Disallow expiry times in the wrong unit: milliseconds where Redis takes seconds, seconds where it takes milliseconds, and SETEX with the value and the TTL swapped",
      recommended: "error",
    },
    fixable: "code",
    hasSuggestions: true,
    schema: [],
    messages: {
      millisecondsAt:
        "{{call}} takes {{what}} as a Unix time in seconds, but {{value}} is in milliseconds: the key is set to expire tens of thousands of years from now, so it never expires and the data it guards stays valid for good. Divide by 1000: `Math.floor(… / 1000)`.",
      secondsAt:
        "{{call}} takes {{what}} as a Unix time in milliseconds, but {{value}} is in seconds: that is a moment in January 1970, already past, so Redis deletes the key at once. Pass milliseconds (`Date.now()`, `date.getTime()`).",
      millisecondsName:
        "{{call}} takes {{what}} in seconds, but `{{name}}` says milliseconds: the key lives 1,000 times longer than intended (15 minutes become more than ten days). Convert it (`Math.ceil({{name}} / 1000)`) or use {{other}}.",
      secondsName:
        "{{call}} takes {{what}} in milliseconds, but `{{name}}` says seconds: the key expires 1,000 times sooner than intended (a minute becomes 60 ms). Convert it (`{{name}} * 1000`) or use {{other}}.",
      swapped:
        "{{call}} takes the key, then the TTL in {{unit}}, then the value ({{command}} key {{unit}} value), but here the value comes second: Redis answers “ERR value is not an integer or out of range” and nothing is stored. Swap the two arguments.",
      dateInSeconds:
        "{{call}} converts a Date given to GETEX's PXAT to a Unix time in seconds (node-redis {{version}} converts EXAT and PXAT alike), but PXAT takes milliseconds: that is a moment in January 1970, already past, so Redis deletes the key at once. Pass milliseconds: `{{text}}`.",
      divideBy1000: "Pass seconds: `{{text}}`.",
      multiplyBy1000: "Pass milliseconds: `{{text}}`.",
      convertName: "Convert `{{name}}` to {{unit}}: `{{text}}`.",
      switchUnit: "Use {{other}}, which takes {{unit}}, and keep `{{name}}`.",
      swapArguments: "Swap the value and the TTL.",
    },
  },
  create(context, _options, model) {
    const sourceCode = context.sourceCode;
    const dialects = dialectsFor(context, model);

    const describe = (call: RedisCall) => dialects(call.family).describeCall(call);
    const what = (s: ExpirySlot) => (s.isCommand ? s.name : `the ${s.name} option`);

    /** An absolute time given in the other unit: a clock reading. */
    const checkAbsolute = (call: RedisCall, s: ExpirySlot): boolean => {
      const reading = clockReading(s.value, sourceCode);
      if (!reading || reading.unit === s.unit) return false;
      const node = reading.node;
      const data = { call: describe(call), what: what(s), value: shown(s.value, sourceCode) };
      if (s.unit === "s") {
        // Milliseconds where seconds are wanted: `Math.floor(ms / 1000)`.
        const target = reading.exact ?? node;
        const text = `Math.floor(${isPrimary(target) ? sourceCode.getText(target) : `(${sourceCode.getText(target)})`} / 1000)`;
        const fix = (fixer: TSESLint.RuleFixer) => fixer.replaceText(target, text);
        context.report({
          node: s.value,
          messageId: "millisecondsAt",
          data,
          fix: reading.exact ? fix : null,
          suggest: reading.exact ? [] : [{ messageId: "divideBy1000", data: { text }, fix }],
        });
        return true;
      }
      // Seconds where milliseconds are wanted: the milliseconds reading divided, or the seconds times 1000.
      const exact = reading.exact;
      const text = exact
        ? inPlace(node, sourceCode.getText(exact), isPrimary(exact))
        : inPlace(
            node,
            `${isPrimary(node) ? sourceCode.getText(node) : `(${sourceCode.getText(node)})`} * 1000`,
            false,
          );
      const fix = (fixer: TSESLint.RuleFixer) => fixer.replaceText(node, text);
      context.report({
        node: s.value,
        messageId: "secondsAt",
        data,
        fix: exact ? fix : null,
        suggest: exact ? [] : [{ messageId: "multiplyBy1000", data: { text }, fix }],
      });
      return true;
    };

    /** The option, raw command name or method that says the unit, rewritten to `other`'s; null when none can be. */
    const switchUnit = (call: RedisCall, s: ExpirySlot, other: string): { node: Node; text: string } | null => {
      const u = s.unitNode;
      if (u?.type === "Identifier") return { node: u, text: GLIDE_OTHER[u.name] ?? caseLike(u.name, other) };
      if (u?.type === "Literal" && typeof u.value === "string") {
        const quote = sourceCode.getText(u)[0];
        return { node: u, text: `${quote}${caseLike(u.value, other)}${quote}` };
      }
      if (u || !s.isCommand || call.raw) return null;
      const callee = unwrap(call.node.callee);
      if (callee.type !== "MemberExpression" || callee.computed) return null;
      const method = dialects(call.family).expiryMethod?.(other.toLowerCase(), call.method);
      return method ? { node: callee.property, text: method } : null;
    };

    /** A duration read from a name that says the other unit. */
    const checkName = (call: RedisCall, s: ExpirySlot): void => {
      const named = namedValue(s.value);
      const unit = named && nameUnit(named.name);
      if (!named || !unit || unit === s.unit) return;
      const nameText = sourceCode.getText(named.node);
      const text = s.unit === "s" ? `Math.ceil(${nameText} / 1000)` : inPlace(named.node, `${nameText} * 1000`, false);
      const other = otherUnit(s);
      const suggest: Suggestion[] = [
        {
          messageId: "convertName",
          data: { name: nameText, unit: s.unit === "s" ? "seconds" : "milliseconds", text },
          fix: (fixer) => fixer.replaceText(named.node, text),
        },
      ];
      const switched = switchUnit(call, s, other);
      if (switched) {
        suggest.push({
          messageId: "switchUnit",
          data: { other, unit: unit === "s" ? "seconds" : "milliseconds", name: nameText },
          fix: (fixer) => fixer.replaceText(switched.node, switched.text),
        });
      }
      context.report({
        node: s.value,
        messageId: s.unit === "s" ? "millisecondsName" : "secondsName",
        data: { call: describe(call), what: what(s), name: nameText, other: otherUnit(s) },
        suggest,
      });
    };

    /** A Date given to node-redis v5+ GETEX's `{ type: "PXAT", value }`, which it converts to seconds. */
    const checkDateInSeconds = (call: RedisCall, s: ExpirySlot): boolean => {
      const version = dialects(call.family).version;
      const date = pxatDateInSeconds(call, s, version, sourceCode, model.settings.typeAware);
      if (!date) return false;
      const text = `${isPrimary(date) || isCalledNew(date, sourceCode) ? sourceCode.getText(date) : `(${sourceCode.getText(date)})`}.getTime()`;
      const prop = s.value.parent;
      // `{ type: "PXAT", value }`: the shorthand property is written out.
      const shorthand = prop?.type === "Property" && prop.shorthand ? prop : null;
      context.report({
        node: s.value,
        messageId: "dateInSeconds",
        data: { call: describe(call), version: `v${version}`, text },
        // Not on a copy of the method (`const getEx = client.getEx.bind(client)`): createRule drops
        // every edit of such a call (src/util/alias-fixes.ts).
        fix: (fixer) =>
          shorthand
            ? fixer.replaceText(shorthand, `${sourceCode.getText(shorthand.key)}: ${text}`)
            : fixer.replaceText(date, text),
      });
      return true;
    };

    /** SETEX / PSETEX with the value where the TTL goes. */
    const checkSwapped = (call: RedisCall): boolean => {
      const swapped = swappedSetex(call, sourceCode);
      if (!swapped) return false;
      const { ttl, value } = swapped;
      const command = (call.command ?? "").toUpperCase();
      const swapText = (fixer: TSESLint.RuleFixer) => [
        fixer.replaceText(ttl, sourceCode.getText(value)),
        fixer.replaceText(value, sourceCode.getText(ttl)),
      ];
      const fixable = swapped.swappable;
      context.report({
        node: ttl,
        messageId: "swapped",
        data: { call: describe(call), command, unit: command === "PSETEX" ? "milliseconds" : "seconds" },
        fix: fixable ? swapText : null,
        suggest: fixable ? [] : [{ messageId: "swapArguments", fix: swapText }],
      });
      return true;
    };

    return {
      "Program:exit"() {
        for (const call of model.calls) {
          if ((call.command === "setex" || call.command === "psetex") && checkSwapped(call)) continue;
          for (const s of expirySlots(call, sourceCode)) {
            if (s.absolute) {
              if (!checkDateInSeconds(call, s)) checkAbsolute(call, s);
            } else checkName(call, s);
          }
        }
      },
    };
  },
});
