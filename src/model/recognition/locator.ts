/**
 * Positions to tokens and nodes: the token at a position of the text, and the deepest node there.
 * Shared by the candidate search and the class-field search, which look up positions in source
 * order, mostly near each other.
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import type { Node } from "../../ast/nodes.js";
import { tokenIndexIn } from "../../ast/tokens.js";
import { nodeAtPosition } from "../../ast/walk.js";

export class Locator {
  /** The file's tokens (none when the parser gives none). */
  readonly tokens: TSESTree.Token[];
  /** The statement or class member `nodeAt` last passed through, and all those it has passed through. */
  private lastListElement: Node | null = null;
  private readonly listElements = new Set<Node>();

  constructor(private readonly sourceCode: TSESLint.SourceCode) {
    this.tokens = (sourceCode.ast as { tokens?: TSESTree.Token[] }).tokens ?? [];
  }

  tokenIndexAt(pos: number): number {
    return tokenIndexIn(this.tokens, pos);
  }

  tokenAt(pos: number): TSESTree.Token | null {
    const i = this.tokenIndexAt(pos);
    return i < 0 ? null : this.tokens[i];
  }

  /**
   * The deepest node under `root` whose range holds `pos`. The search starts from the statement
   * or class member the last search passed through, when that holds `pos` and lies under `root`:
   * searches come in source order, mostly near each other, and only expressions can have children
   * with overlapping ranges (`{ a = 1 }`), never statements or members, so starting there finds
   * the same node as starting from `root`.
   */
  nodeAt(pos: number, root: Node): Node {
    let start = root;
    for (let n: Node | undefined = this.lastListElement ?? undefined; n && n !== root; n = n.parent) {
      if (n.range[0] <= pos && pos < n.range[1] && this.listElements.has(n)) {
        if (root.range[0] <= n.range[0] && n.range[1] <= root.range[1]) start = n;
        break;
      }
    }
    return nodeAtPosition(start, pos, this.sourceCode.visitorKeys, this.passed);
  }

  /** Remembers the statements and class members a descent passes through (see `nodeAt`). */
  private readonly passed = (key: string, element: Node): void => {
    if (key === "body" || key === "consequent") {
      this.lastListElement = element;
      this.listElements.add(element);
    }
  };
}
