/**
 * Class fields: every place a class gives a field its value (declarations, parameter properties,
 * `this.x = …` in its body), and the `this.x` expressions that read it. Found from the
 * occurrences of the name in the class's text; the original construction walks the class body.
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { type Node, enclosingClass, keyName, propertyName, unwrap } from "../../ast/nodes.js";
import { CONTEXTUAL_KEYWORDS, bareName, isBracketString } from "../../ast/tokens.js";
import { WalkOrder, walk } from "../../ast/walk.js";
import { pushTo } from "../../util/maps.js";
import type { Locator } from "./locator.js";

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

export interface ThisMembers {
  /** `this.x` expressions. */
  uses: TSESTree.MemberExpression[];
  /** `this.x = …` in the class body, in the full walk's order. */
  assigns: TSESTree.AssignmentExpression[];
}

export class ClassFields {
  private readonly classFields = new Map<Node, Map<string, Node[]>>();
  private readonly declaredFieldMemo = new Map<Node, Map<string, Node[]>>();
  private readonly assignedFieldMemo = new Map<Node, Map<string, Node[]>>();
  private readonly assignTestMemo = new Map<Node, boolean>();
  private readonly fieldSourceMemo = new Map<Node, Map<string, readonly Node[]>>();
  private readonly thisMemberMemo = new Map<Node, Map<string, ThisMembers | null>>();
  private readonly thisNameIndex = new Map<Node, { byName: Map<string, number[]>; bracketStrings: number[] }>();
  private fieldWalkOrder: WalkOrder | null = null;

  constructor(
    private readonly sourceCode: TSESLint.SourceCode,
    private readonly locator: Locator,
    /** Test-only: the original construction (see `buildModelForTest`). */
    private readonly legacy: boolean,
  ) {}

  /**
   * The `this.name` expressions of a class (not those in a nested class or plain function), and
   * the `this.name = …` assignments of its body in the order the full walk meets them. Found from
   * the occurrences of the name in the class's text. Null if the AST does not let us find them.
   */
  thisMembers(cls: ClassNode, name: string): ThisMembers | null {
    let byName = this.thisMemberMemo.get(cls);
    if (!byName) this.thisMemberMemo.set(cls, (byName = new Map<string, ThisMembers | null>()));
    let found = byName.get(name);
    if (found === undefined) {
      found = this.findThisMembers(cls, name);
      byName.set(name, found);
    }
    return found;
  }

  /**
   * The tokens of a class that can be the name of a `this.name` expression, by name: a name right
   * after `.` or `?.` that follows `this`, `)` (`(this as T).name`) or `!` (`this!.name`); and
   * every string in brackets (`this["name"]`, looked at for every name). One pass over the class's
   * tokens, however many names are asked about.
   */
  private thisNameTokens(cls: ClassNode): { byName: Map<string, number[]>; bracketStrings: number[] } {
    let index = this.thisNameIndex.get(cls);
    if (index) return index;
    index = { byName: new Map(), bracketStrings: [] };
    const tokens = this.locator.tokens;
    let i = this.locator.tokenIndexAt(cls.range[0]);
    if (i < 0) i = -i - 1;
    // The tokens that start before the class's end, bounded once (not by each token's range: one
    // memory load fewer per token, about 0.6x the cost of this loop over big classes).
    const end = cls.range[1];
    let stop = this.locator.tokenIndexAt(end);
    stop = stop < 0 ? -stop - 1 : tokens[stop].range[0] < end ? stop + 1 : stop;
    for (; i < stop; i++) {
      const t = tokens[i];
      if (t.type === "Identifier" || t.type === "PrivateIdentifier") {
        if (i < 2) continue;
        const dot = tokens[i - 1];
        const before = tokens[i - 2];
        if (
          dot.type === "Punctuator" &&
          (dot.value === "." || dot.value === "?.") &&
          ((before.type === "Keyword" && before.value === "this") ||
            (before.type === "Punctuator" && (before.value === ")" || before.value === "!")))
        )
          pushTo(index.byName, bareName(t.value), i);
      } else if (isBracketString(tokens, i)) index.bracketStrings.push(i);
    }
    this.thisNameIndex.set(cls, index);
    return index;
  }

  private findThisMembers(cls: ClassNode, name: string): ThisMembers | null {
    const bare = bareName(name);
    if (!bare || !this.locator.tokens.length) return null;
    const tokens = this.locator.tokens;
    const body = cls.body;
    const result: ThisMembers = { uses: [], assigns: [] };
    const index = this.thisNameTokens(cls);
    const named = index.byName.get(bare) ?? [];
    const strings = index.bracketStrings.filter((i) => tokens[i].value.includes(bare));
    const candidates = strings.length ? [...named, ...strings].sort((a, b) => a - b) : named;
    for (const i of candidates) {
      const token = tokens[i];
      let node: Node | undefined;
      if (token.type === "Identifier" || token.type === "PrivateIdentifier") {
        if (bareName(token.value) !== bare) continue;
        node = this.locator.nodeAt(token.range[0], cls);
        if (
          node.type === "JSXIdentifier" ||
          (node.type !== "Identifier" && node.type !== "PrivateIdentifier" && CONTEXTUAL_KEYWORDS.has(token.value))
        )
          continue;
        if ((node.type !== "Identifier" && node.type !== "PrivateIdentifier") || node.name !== bare) return null;
      } else if (isBracketString(tokens, i)) {
        node = this.locator.nodeAt(token.range[0], cls);
        if (node.type === "TemplateElement") node = node.parent;
        if (!node || (node.type !== "Literal" && node.type !== "TemplateLiteral")) return null;
      } else {
        continue;
      }
      const member = node.parent;
      if (member?.type !== "MemberExpression" || member.property !== node || propertyName(member) !== name) continue;
      if (enclosingClass(member) !== cls) continue;
      if (unwrap(member.object).type === "ThisExpression") result.uses.push(member);
      const assign = member.parent;
      if (
        member.object.type === "ThisExpression" &&
        assign?.type === "AssignmentExpression" &&
        assign.left === member &&
        assign.operator === "=" &&
        assign.range[0] >= body.range[0] &&
        assign.range[1] <= body.range[1]
      ) {
        result.assigns.push(assign);
      }
    }
    // In the order the walk of the class body meets them.
    const order = (this.fieldWalkOrder ??= new WalkOrder(this.sourceCode.visitorKeys, false));
    result.assigns = result.assigns.filter((a) => order.path(a));
    result.assigns.sort((a, b) => order.compare(a, b));
    return result;
  }

  /** Every place a class gives the field `name` its value: declarations, parameter properties, `this.name =`. */
  fieldSources(cls: ClassNode, name: string): readonly Node[] {
    if (this.legacy) return this.fieldsOf(cls).get(name) ?? [];
    let byName = this.fieldSourceMemo.get(cls);
    if (!byName) this.fieldSourceMemo.set(cls, (byName = new Map<string, readonly Node[]>()));
    let sources = byName.get(name);
    if (sources) return sources;
    sources = this.declaredFields(cls).get(name) ?? [];
    if (this.assignsInClass(cls)) {
      const found = this.thisMembers(cls, name);
      const assigned = found ? found.assigns.map((a) => a.right) : (this.assignedFields(cls).get(name) ?? []);
      if (assigned.length) sources = [...sources, ...assigned];
    }
    byName.set(name, sources);
    return sources;
  }

  /** The original: every field of the class at once, `this.x =` found by walking the class body. */
  private fieldsOf(cls: ClassNode): Map<string, Node[]> {
    let fields = this.classFields.get(cls);
    if (fields) return fields;
    fields = new Map();
    for (const [name, list] of this.declaredFields(cls)) fields.set(name, [...list]);
    if (this.assignsInClass(cls)) {
      for (const [name, list] of this.assignedFields(cls)) {
        const known = fields.get(name);
        if (known) known.push(...list);
        else fields.set(name, [...list]);
      }
    }
    this.classFields.set(cls, fields);
    return fields;
  }

  /** Fields declared in the class body: typed or initialised properties, parameter properties. */
  private declaredFields(cls: ClassNode): Map<string, Node[]> {
    let fields = this.declaredFieldMemo.get(cls);
    if (fields) return fields;
    fields = new Map();
    const add = (name: string, node: Node) => {
      pushTo(fields, name, node);
    };
    for (const member of cls.body.body) {
      if ((member.type === "PropertyDefinition" || member.type === "AccessorProperty") && !member.computed) {
        const name = keyName(member.key);
        if (!name) continue;
        if (member.typeAnnotation) {
          // Reuse the Identifier-shaped path: a key with a type annotation.
          add(name, {
            type: "Identifier",
            name,
            typeAnnotation: member.typeAnnotation,
            parent: member,
            range: member.range,
            loc: member.loc,
            decorators: [],
            optional: false,
          } as unknown as Node);
        }
        if (member.value) add(name, member.value);
      }
      if (member.type === "MethodDefinition" && member.kind === "constructor") {
        for (const p of member.value.params) {
          if (p.type === "TSParameterProperty") {
            const inner = p.parameter.type === "AssignmentPattern" ? p.parameter.left : p.parameter;
            if (inner.type === "Identifier") add(inner.name, inner);
          }
        }
      }
    }
    this.declaredFieldMemo.set(cls, fields);
    return fields;
  }

  /** Whether the class text shows a `this.x = ...` at all (cheap test before looking for them). */
  private assignsInClass(cls: ClassNode): boolean {
    let r = this.assignTestMemo.get(cls);
    if (r === undefined) {
      r = /this\s*\.\s*#?\w+\s*=[^=]/.test(this.sourceCode.text.slice(cls.range[0], cls.range[1]));
      this.assignTestMemo.set(cls, r);
    }
    return r;
  }

  /** `this.x = ...` anywhere in the class body (constructor, init methods), by walking it. */
  private assignedFields(cls: ClassNode): Map<string, Node[]> {
    let fields = this.assignedFieldMemo.get(cls);
    if (fields) return fields;
    fields = new Map();
    walk(cls.body, this.sourceCode.visitorKeys, (node) => {
      if (
        node.type === "AssignmentExpression" &&
        node.operator === "=" &&
        node.left.type === "MemberExpression" &&
        node.left.object.type === "ThisExpression" &&
        enclosingClass(node.left) === cls
      ) {
        const name = propertyName(node.left);
        if (name) pushTo(fields, name, node.right);
      }
    });
    this.assignedFieldMemo.set(cls, fields);
    return fields;
  }
}
