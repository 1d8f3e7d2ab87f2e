/**
 * Blocking commands on shared clients: which calls send a command that holds its connection
 * until data arrives or a timeout passes (BLPOP, BRPOP, BLMOVE, BRPOPLPUSH, BLMPOP, BZPOPMIN,
 * BZPOPMAX, BZMPOP, WAIT, WAITAOF: `@ioredis/commands`' `blocking` flag; XREAD and XREADGROUP
 * only with a BLOCK option), and which of them run on a client other code shares. Asked by
 * `no-blocking-on-shared-client`; computed once per model.
 *
 * See docs/semantics.md.
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import {
  type Node,
  calleeMember,
  enclosingClass,
  enclosingFunction,
  isFunction,
  keyName,
  propertyName,
  staticString,
  unwrap,
} from "../ast/nodes.js";
import { walk } from "../ast/walk.js";
import { pushTo } from "../util/maps.js";
import { findVariable } from "../ast/scope.js";
import { callSitesOf } from "../ast/local-calls.js";
import { commandHasFlag } from "./commands.js";
import type { Family } from "./clients.js";
import type { ClientValue, FileModel, RedisCall } from "./types.js";

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** Blocking only with a BLOCK option. */
const BLOCK_OPTION = new Set(["xread", "xreadgroup"]);
/** Commands whose timeout is their first argument (`BLMPOP timeout numkeys key ...`). */
const TIMEOUT_FIRST = new Set(["blmpop", "bzmpop"]);

export interface BlockingCall {
  call: RedisCall & { client: ClientValue };
  /** The upper-case command: "BLPOP", "XREAD". */
  command: string;
  /** The timeout is a literal 0: the command blocks until data arrives, possibly forever. */
  forever: boolean;
}

export interface BlockingOptions {
  /** The family's blocking commands hold a connection other callers share (the dialect's `blockingConnection`). */
  holdsConnection: (family: Family) => boolean;
  /** Clients received as plain parameters (lives "unknown") count as shared. */
  parametersShared: boolean;
}

function isZero(n: Node | undefined): boolean {
  if (!n || n.type === "SpreadElement") return false;
  const u = unwrap(n);
  return u.type === "Literal" && (u.value === 0 || u.value === "0");
}

/** A property of an object literal by name (`{ BLOCK: 0 }`, `{ "BLOCK": 0 }`). */
function propertyOf(obj: TSESTree.ObjectExpression, name: string): TSESTree.Property | null {
  for (const p of obj.properties) {
    if (p.type !== "Property") continue;
    const key = !p.computed && p.key.type === "Identifier" ? p.key.name : staticString(p.key);
    if (key === name) return p;
  }
  return null;
}

/**
 * The BLOCK option of an XREAD / XREADGROUP call: the node of its timeout, `null` when the call
 * provably has none, `undefined` when it cannot be told (a spread, an options variable).
 */
function blockOption(call: RedisCall): Node | null | undefined {
  let unknown = false;
  for (let i = 0; i < call.args.length; i++) {
    const a = call.args[i];
    if (a.type === "SpreadElement") {
      unknown = true;
      continue;
    }
    const u = unwrap(a);
    // ioredis and raw calls: `"BLOCK", ms`.
    if (staticString(u)?.toUpperCase() === "BLOCK") return call.args[i + 1] ?? u;
    // node-redis: `{ BLOCK: ms }`.
    if (u.type === "ObjectExpression") {
      if (u.properties.some((p) => p.type === "SpreadElement")) unknown = true;
      const p = propertyOf(u, "BLOCK");
      if (p) return p.value;
    } else if (u.type === "Identifier" || u.type === "MemberExpression" || u.type === "CallExpression") {
      // An options object or argument list built elsewhere (`xRead(streams, opts)`).
      if (i > 0 || call.args.length === 1) unknown = true;
    }
  }
  return unknown ? undefined : null;
}

/** node-redis v4: `commandOptions({ isolated: true })` as the first argument runs the command on a connection of its own. */
function isolatedOption(call: RedisCall): boolean {
  const first = call.args[0];
  if (!first || first.type === "SpreadElement") return false;
  const u = unwrap(first);
  if (u.type !== "CallExpression") return false;
  const callee = unwrap(u.callee);
  const name =
    callee.type === "Identifier" ? callee.name : callee.type === "MemberExpression" ? propertyName(callee) : null;
  if (name !== "commandOptions") return false;
  const opts = u.arguments[0] ? unwrap(u.arguments[0]) : null;
  if (opts?.type !== "ObjectExpression") return false;
  const isolated = propertyOf(opts, "isolated");
  // Anything but a literal `false` may isolate it: give it the benefit of the doubt.
  return !!isolated && !(isolated.value.type === "Literal" && isolated.value.value === false);
}

/** The call sends a blocking command on a client (not queued in MULTI, where the server does not block); null otherwise. */
export function blockingCommandOf(model: FileModel, call: RedisCall): Omit<BlockingCall, "call"> | null {
  const command = call.command;
  if (!command || call.receiver !== "client" || !call.client) return null;
  if (!commandHasFlag(command, "blocking")) return null;
  // Inside a raw MULTI the command is queued; EXEC runs it without blocking.
  if (model.isRawMulti(call)) return null;
  if (isolatedOption(call)) return null;
  let timeout: Node | undefined;
  if (BLOCK_OPTION.has(command)) {
    const block = blockOption(call);
    if (!block) return null;
    timeout = block;
  } else {
    // A trailing callback (node-redis v3, ioredis) is not the timeout.
    const last = call.args.length - (isFunction(call.args[call.args.length - 1]) ? 2 : 1);
    timeout = TIMEOUT_FIRST.has(command) ? call.args[0] : call.args[last];
  }
  return { command: command.toUpperCase(), forever: isZero(timeout) };
}

/** `x.duplicate()`: a connection of its own. */
function isDuplicate(origin: Node): boolean {
  const o = unwrap(origin);
  if (o.type !== "CallExpression") return false;
  const member = calleeMember(o);
  return !!member && propertyName(member) === "duplicate";
}

/** A client value that is a connection of its own: made here, a `duplicate()`, a pool. */
function dedicated(client: ClientValue): boolean {
  return client.lives === "dedicated" || !!client.pool || isDuplicate(client.origin);
}

/** The receiver of `call` as a plain identifier, and its variable. */
function receiverVariable(call: RedisCall, sourceCode: TSESLint.SourceCode): TSESLint.Scope.Variable | null {
  const member = calleeMember(call.node);
  const obj = member && unwrap(member.object);
  if (obj?.type !== "Identifier") return null;
  return findVariable(obj, sourceCode);
}

/**
 * A module-level client made by this module for the consumer: declared (not exported) with its
 * initialiser, and used only as the receiver of calls in the blocking call's function, besides
 * calls that send no command (`on("error", ...)`, `connect()`) and QUIT anywhere.
 */
function ownedByConsumer(model: FileModel, call: RedisCall, sourceCode: TSESLint.SourceCode): boolean {
  const variable = receiverVariable(call, sourceCode);
  const def = variable?.defs[0];
  if (!variable || variable.defs.length !== 1 || def?.type !== "Variable" || !def.node.init) return false;
  if (def.parent.parent?.type !== "Program") return false;
  return variable.references.every((ref) => {
    if (ref.init) return true;
    const id = ref.identifier as Node;
    const p = id.parent;
    if (p?.type !== "MemberExpression" || p.object !== id || p.parent?.type !== "CallExpression") return false;
    if (p.parent.callee !== p) return false;
    if (enclosingFunction(id) === call.fn) return true;
    const other = model.callAt(p.parent);
    return !other || other.command === null || other.command === "quit";
  });
}

/** A client received as a parameter of a local function whose every call in this file passes a dedicated connection. */
function parameterAlwaysDedicated(model: FileModel, call: RedisCall, sourceCode: TSESLint.SourceCode): boolean {
  const variable = receiverVariable(call, sourceCode);
  const def = variable?.defs[0];
  if (def?.type !== "Parameter" || !isFunction(def.node)) return false;
  const fn = def.node;
  const index = fn.params.findIndex((p) => p === def.name);
  if (index < 0) return false;
  const sites = callSitesOf(fn, sourceCode);
  if (!sites?.length) return false;
  return sites.every((site) => {
    const arg = site.arguments[index] as Node | undefined;
    if (!arg || arg.type === "SpreadElement") return false;
    const v = model.valueOf(arg);
    return (v?.kind === "client" && dedicated(v)) || inheritedDuplicate(model, arg, sourceCode);
  });
}

/**
 * Per class: each `this.<field>` and every value the class gives it (an initialiser, `this.f = ...`;
 * null for a compound assignment such as `this.f ||= ...`), found in one walk of the class.
 */
const writesOfClass = new WeakMap<Node, Map<string, (Node | null)[]>>();

function fieldWrites(cls: Node, sourceCode: TSESLint.SourceCode): Map<string, (Node | null)[]> {
  let writes = writesOfClass.get(cls);
  if (writes) return writes;
  const found = new Map<string, (Node | null)[]>();
  const give = (name: string | null, value: Node | null): void => {
    if (name !== null) pushTo(found, name, value);
  };
  walk(cls, sourceCode.visitorKeys, (n) => {
    if (n !== cls && (n.type === "ClassDeclaration" || n.type === "ClassExpression")) return "skip";
    if (n.type === "PropertyDefinition" && !n.computed && !n.static && n.value) {
      give(n.key.type === "Identifier" || n.key.type === "PrivateIdentifier" ? n.key.name : null, n.value);
    } else if (n.type === "AssignmentExpression") {
      const left = unwrap(n.left);
      if (left.type === "MemberExpression" && !left.computed && unwrap(left.object).type === "ThisExpression")
        give(
          left.property.type === "Identifier" || left.property.type === "PrivateIdentifier" ? left.property.name : null,
          n.operator === "=" ? n.right : null,
        );
    }
  });
  writesOfClass.set(cls, (writes = found));
  return writes;
}

/** Per class: the fields whose every value the class gives them is a connection of their own. */
const dedicatedFieldsOfClass = new WeakMap<Node, Set<string>>();

function dedicatedFields(model: FileModel, cls: Node, sourceCode: TSESLint.SourceCode): Set<string> {
  let fields = dedicatedFieldsOfClass.get(cls);
  if (fields) return fields;
  const own = (value: Node | null): boolean => {
    if (!value) return false;
    const v = model.valueOf(value);
    return (v?.kind === "client" && dedicated(v)) || isDuplicate(value);
  };
  fields = new Set();
  for (const [name, values] of fieldWrites(cls, sourceCode)) if (values.every(own)) fields.add(name);
  dedicatedFieldsOfClass.set(cls, fields);
  return fields;
}

/** `null` or `undefined` written literally: a placeholder a field is reset to, not a client. */
function isPlaceholder(n: Node | null): boolean {
  if (!n) return false;
  const u = unwrap(n);
  return (u.type === "Literal" && u.value === null) || (u.type === "Identifier" && u.name === "undefined");
}

/**
 * Per class: the fields the class visibly gives only placeholders (`this.bclient = null`), so
 * that the client in them is stored some other way (`this[name] = await makeClient()`).
 */
const placeholderFieldsOfClass = new WeakMap<Node, Set<string>>();

function placeholderFields(cls: Node, sourceCode: TSESLint.SourceCode): Set<string> {
  let fields = placeholderFieldsOfClass.get(cls);
  if (fields) return fields;
  fields = new Set();
  for (const [name, values] of fieldWrites(cls, sourceCode)) if (values.every(isPlaceholder)) fields.add(name);
  placeholderFieldsOfClass.set(cls, fields);
  return fields;
}

/** `this.<name>` at `n`, in class `cls`. */
function isThisField(n: Node, name: string, cls: Node): boolean {
  const u = unwrap(n);
  if (u.type !== "MemberExpression" || u.computed || unwrap(u.object).type !== "ThisExpression") return false;
  const p = u.property;
  return (p.type === "Identifier" || p.type === "PrivateIdentifier") && p.name === name && enclosingClass(u) === cls;
}

/** The names of the identifiers in `n`. */
function namesIn(n: Node, sourceCode: TSESLint.SourceCode): Set<string> {
  const names = new Set<string>();
  walk(n, sourceCode.visitorKeys, (c) => {
    if (c.type === "Identifier") names.add(c.name);
  });
  return names;
}

/**
 * `isRedisInstance(c) ? (…c…).duplicate() : c` (bullmq's `QueueEvents`): a duplicate when the test
 * tells `c` is a client, else `c` itself, which is then not a client but the options the base class
 * opens a connection of its own from.
 */
function guardedDuplicate(n: TSESTree.ConditionalExpression, sourceCode: TSESLint.SourceCode): boolean {
  const c = unwrap(n.alternate);
  const consequent = unwrap(n.consequent);
  if (c.type !== "Identifier" || consequent.type !== "CallExpression" || !isDuplicate(consequent)) return false;
  const test = unwrap(n.test);
  const tested =
    test.type === "CallExpression"
      ? test.arguments.some((a) => a.type === "Identifier" && a.name === c.name)
      : test.type === "BinaryExpression" && test.operator === "instanceof" && unwrap(test.left).type === "Identifier"
        ? (unwrap(test.left) as TSESTree.Identifier).name === c.name
        : false;
  const member = calleeMember(consequent);
  return tested && !!member && namesIn(member.object, sourceCode).has(c.name);
}

/**
 * The values a `super(...)` call hands its base class, looked into through object literals (their
 * properties and spreads), `Object.assign(...)`, `a || b` and conditionals; a guarded duplicate
 * (`guardedDuplicate`) is one value.
 */
function handedValues(n: Node, sourceCode: TSESLint.SourceCode, out: Node[] = []): Node[] {
  const u = unwrap(n);
  if (u.type === "SpreadElement") return handedValues(u.argument, sourceCode, out);
  if (u.type === "ObjectExpression") {
    for (const p of u.properties) handedValues(p.type === "Property" ? p.value : p.argument, sourceCode, out);
  } else if (
    u.type === "CallExpression" &&
    u.callee.type === "MemberExpression" &&
    unwrap(u.callee.object).type === "Identifier" &&
    (unwrap(u.callee.object) as TSESTree.Identifier).name === "Object" &&
    propertyName(u.callee) === "assign"
  ) {
    for (const a of u.arguments) handedValues(a, sourceCode, out);
  } else if (u.type === "LogicalExpression") {
    handedValues(u.left, sourceCode, out);
    handedValues(u.right, sourceCode, out);
  } else if (u.type === "ConditionalExpression" && !guardedDuplicate(u, sourceCode)) {
    handedValues(u.consequent, sourceCode, out);
    handedValues(u.alternate, sourceCode, out);
  } else out.push(u);
  return out;
}

/** Per class: whether its constructor hands its base class a duplicated connection, and no other client. */
const superGetsDuplicateOfClass = new WeakMap<Node, boolean>();

function superGetsDuplicate(model: FileModel, cls: ClassNode, sourceCode: TSESLint.SourceCode): boolean {
  let answer = superGetsDuplicateOfClass.get(cls);
  if (answer !== undefined) return answer;
  answer = false;
  const ctor = cls.body.body.find((m) => m.type === "MethodDefinition" && m.kind === "constructor");
  if (cls.superClass && ctor?.type === "MethodDefinition") {
    const supers: TSESTree.CallExpression[] = [];
    walk(ctor.value, sourceCode.visitorKeys, (n) => {
      if (n.type === "ClassDeclaration" || n.type === "ClassExpression") return "skip";
      if (n !== ctor.value && (n.type === "FunctionDeclaration" || n.type === "FunctionExpression")) return "skip";
      if (n.type === "CallExpression" && n.callee.type === "Super") supers.push(n);
    });
    const values = supers.length === 1 ? supers[0].arguments.flatMap((a) => handedValues(a, sourceCode)) : [];
    const duplicates = values.filter((v) => v.type === "ConditionalExpression" || isDuplicate(v));
    // What was duplicated (`connection` in `connection.duplicate()`) must not be handed on as well.
    const duplicated = new Set<string>();
    for (const d of duplicates) {
      const call = unwrap(d.type === "ConditionalExpression" ? d.consequent : d) as TSESTree.CallExpression;
      const member = calleeMember(call);
      if (member) for (const name of namesIn(member.object, sourceCode)) duplicated.add(name);
    }
    answer =
      duplicates.length > 0 &&
      values.every((v) => {
        if (duplicates.includes(v)) return true;
        if (v.type === "Identifier" && duplicated.has(v.name)) return false;
        const value = model.valueOf(v);
        return value?.kind !== "client" || dedicated(value);
      });
  }
  superGetsDuplicateOfClass.set(cls, answer);
  return answer;
}

/**
 * `this.<name>`, or a local `const c = await this.<name>` (or `= this.<name>`), where the class
 * neither declares nor assigns `<name>` (it is its base class's) and its constructor hands the
 * base class a duplicated connection and no other client: the connection the base class keeps is
 * the duplicate (bullmq's `QueueEvents`: `super(name, { ...opts, connection: connection.duplicate() })`,
 * read back through `await this.client`).
 */
function inheritedDuplicate(model: FileModel, node: Node, sourceCode: TSESLint.SourceCode): boolean {
  let u = unwrap(node);
  if (u.type === "Identifier") {
    const variable = findVariable(u, sourceCode);
    const def = variable?.defs[0];
    if (!variable || variable.defs.length !== 1 || def?.type !== "Variable" || !def.node.init) return false;
    if (def.parent.kind !== "const") return false;
    u = unwrap(def.node.init);
  }
  if (u.type === "AwaitExpression") u = unwrap(u.argument);
  if (u.type !== "MemberExpression" || u.computed || unwrap(u.object).type !== "ThisExpression") return false;
  const name = u.property.type === "Identifier" ? u.property.name : null;
  const cls = enclosingClass(u);
  if (!cls || name === null || fieldWrites(cls, sourceCode).has(name)) return false;
  const declares = cls.body.body.some(
    (m) => m.type !== "StaticBlock" && m.type !== "TSIndexSignature" && !m.computed && keyName(m.key) === name,
  );
  return !declares && superGetsDuplicate(model, cls, sourceCode);
}

/**
 * `this.worker`, where the class only ever stores a connection of its own in `worker`
 * (`this.worker = redis.duplicate()`); or where the class visibly stores only placeholders in it
 * (`this.bclient = null`, the client itself arriving through `this[name] = client`) and sends no
 * command on it but blocking ones: a field kept for the blocking consumer (bee-queue's `bclient`).
 */
function dedicatedField(model: FileModel, call: RedisCall, sourceCode: TSESLint.SourceCode): boolean {
  const member = calleeMember(call.node);
  const obj = member && unwrap(member.object);
  if (obj?.type !== "MemberExpression" || obj.computed || unwrap(obj.object).type !== "ThisExpression") return false;
  const name =
    obj.property.type === "Identifier" || obj.property.type === "PrivateIdentifier" ? obj.property.name : null;
  const cls = enclosingClass(obj);
  if (!cls || name === null) return false;
  if (dedicatedFields(model, cls, sourceCode).has(name)) return true;
  if (inheritedDuplicate(model, obj, sourceCode)) return true;
  if (!placeholderFields(cls, sourceCode).has(name)) return false;
  return model.calls.every((other) => {
    const m = calleeMember(other.node);
    if (!m || !isThisField(m.object, name, cls)) return true;
    return other.command === null || blockingCommandOf(model, other) !== null;
  });
}

/** A call that opens a connection of its own: `createClient(...)`, `x.duplicate()`, `new Redis(...)`, or a client the model calls dedicated. */
function opensConnection(model: FileModel, n: Node): boolean {
  const u = unwrap(n);
  const v = model.valueOf(u);
  if (v?.kind === "client" && dedicated(v)) return true;
  if (u.type === "NewExpression") return v?.kind === "client";
  if (u.type !== "CallExpression") return false;
  const callee = unwrap(u.callee);
  const name =
    callee.type === "Identifier" ? callee.name : callee.type === "MemberExpression" ? propertyName(callee) : null;
  return name === "createClient" || name === "duplicate";
}

const CLOSES = new Set(["quit", "disconnect", "end", "close", "destroy"]);

/**
 * A local client taken from a module-level cache of connections opened for this consumer:
 * `var client = clients[type] || (clients[type] = redis.createClient())` (kue's worker), where the
 * cache is otherwise only tested (`type in clients`), closed (`clients[type].quit()`) or emptied
 * (`delete clients[type]`), and the local is used only as the receiver of calls.
 */
function memoisedForConsumer(model: FileModel, call: RedisCall, sourceCode: TSESLint.SourceCode): boolean {
  const variable = receiverVariable(call, sourceCode);
  const def = variable?.defs[0];
  if (!variable || variable.defs.length !== 1 || def?.type !== "Variable" || !def.node.init) return false;
  if (enclosingFunction(def.node) !== call.fn) return false;
  const init = unwrap(def.node.init);
  if (init.type !== "LogicalExpression" || (init.operator !== "||" && init.operator !== "??")) return false;
  const assign = unwrap(init.right);
  if (assign.type !== "AssignmentExpression" || assign.operator !== "=") return false;
  const slot = unwrap(init.left);
  if (slot.type !== "MemberExpression" || sourceCode.getText(slot) !== sourceCode.getText(assign.left)) return false;
  if (!opensConnection(model, assign.right)) return false;
  const base = unwrap(slot.object);
  if (base.type !== "Identifier") return false;
  const cache = findVariable(base, sourceCode);
  const cacheDef = cache?.defs[0];
  if (!cache || cache.defs.length !== 1 || cacheDef?.type !== "Variable") return false;
  if (cacheDef.parent.parent?.type !== "Program") return false;
  const ok = cache.references.every((ref) => {
    if (ref.init) return true;
    const id = ref.identifier as Node;
    if (id.range[0] >= init.range[0] && id.range[1] <= init.range[1]) return true;
    const p = id.parent;
    if (p?.type === "BinaryExpression" && p.operator === "in" && p.right === id) return true;
    if (p?.type !== "MemberExpression" || p.object !== id) return false;
    const pp = p.parent;
    if (pp?.type === "UnaryExpression" && pp.operator === "delete") return true;
    if (pp?.type === "MemberExpression" && pp.object === p && pp.parent?.type === "CallExpression") {
      const method = propertyName(pp);
      return pp.parent.callee === pp && method !== null && CLOSES.has(method);
    }
    return false;
  });
  if (!ok) return false;
  return variable.references.every((ref) => {
    if (ref.init) return true;
    const id = ref.identifier as Node;
    const p = id.parent;
    return (
      p?.type === "MemberExpression" && p.object === id && p.parent?.type === "CallExpression" && p.parent.callee === p
    );
  });
}

/**
 * A client adapter's method that forwards the command of its own name (`async bzpopmin(key,
 * timeout) { return this.raw.bzPopMin(key, timeout) }`, bullmq's node-redis adapter): which
 * connection it blocks is chosen by whoever calls the method, not here.
 */
function forwardingMethod(call: RedisCall): boolean {
  const fn = call.fn;
  if (!isFunction(fn)) return false;
  const p = fn.parent;
  if ((p?.type !== "MethodDefinition" && p?.type !== "Property") || p.computed) return false;
  const name = p.key.type === "Identifier" ? p.key.name : staticString(p.key);
  if (!name || name.toLowerCase() !== call.command?.toLowerCase()) return false;
  const member = calleeMember(call.node);
  const obj = member && unwrap(member.object);
  return obj?.type === "MemberExpression" && unwrap(obj.object).type === "ThisExpression";
}

const cache = new WeakMap<FileModel, Map<boolean, BlockingCall[]>>();

/** The file's blocking commands sent on shared clients, in call order. Cached per model and `parametersShared`. */
export function blockingOnSharedClients(
  model: FileModel,
  sourceCode: TSESLint.SourceCode,
  options: BlockingOptions,
): BlockingCall[] {
  let byOption = cache.get(model);
  if (!byOption) cache.set(model, (byOption = new Map<boolean, BlockingCall[]>()));
  let found = byOption.get(options.parametersShared);
  if (found) return found;
  found = [];
  // The answer depends on the call only through its client and function: once per pair.
  const ownMemo = new Map<string, boolean>();
  const own = (call: RedisCall & { client: ClientValue }): boolean => {
    const key = `${call.client.key}@${call.fn.range[0]}`;
    let answer = ownMemo.get(key);
    if (answer === undefined) {
      answer =
        forwardingMethod(call) ||
        memoisedForConsumer(model, call, sourceCode) ||
        (call.client.lives === "unknown"
          ? !options.parametersShared || parameterAlwaysDedicated(model, call, sourceCode)
          : ownedByConsumer(model, call, sourceCode) ||
            dedicatedField(model, call, sourceCode) ||
            // A parameter counted as shared (by its name, or by what its callers pass): not when
            // every caller passes a connection of its own.
            parameterAlwaysDedicated(model, call, sourceCode));
      ownMemo.set(key, answer);
    }
    return answer;
  };
  for (const call of model.calls) {
    const client = call.client;
    if (!client || !options.holdsConnection(client.family) || dedicated(client)) continue;
    const blocking = blockingCommandOf(model, call);
    if (!blocking || own(call as BlockingCall["call"])) continue;
    found.push({ call: call as BlockingCall["call"], ...blocking });
  }
  byOption.set(options.parametersShared, found);
  return found;
}
