/** Optional type information: the client family and kind a type checker gives an expression. */
import type { TSESLint } from "@typescript-eslint/utils";
import type { Node } from "../../ast/nodes.js";
import { type Family, type TypeNameInfo, TYPE_PACKAGE_PATH } from "../clients.js";

interface TsLike {
  getTypeAtLocation(node: unknown): {
    getSymbol(): SymbolLike | undefined;
    aliasSymbol?: SymbolLike;
    isUnion?(): boolean;
    types?: unknown[];
  };
}
interface SymbolLike {
  getName(): string;
  declarations?: { getSourceFile(): { fileName: string } }[];
}

export class TypeInfo {
  private constructor(
    private readonly checker: TsLike,
    private readonly map: { get(node: Node): unknown },
  ) {}

  static from(sourceCode: TSESLint.SourceCode): TypeInfo | null {
    const services = sourceCode.parserServices as
      | { program?: { getTypeChecker(): TsLike } | null; esTreeNodeToTSNodeMap?: { get(node: Node): unknown } }
      | undefined;
    if (!services?.program || !services.esTreeNodeToTSNodeMap) return null;
    try {
      return new TypeInfo(services.program.getTypeChecker(), services.esTreeNodeToTSNodeMap);
    } catch {
      return null;
    }
  }

  /**
   * Whether the checker gives `node` one type (no union) whose symbol is `name`, declared in a
   * file `declaredIn` matches (TypeScript's lib files for the global `Date`).
   */
  isGlobalType(node: Node, name: string, declaredIn: RegExp): boolean {
    try {
      const tsNode = this.map.get(node);
      if (!tsNode) return false;
      const type = this.checker.getTypeAtLocation(tsNode);
      if (type.isUnion?.()) return false;
      const symbol = type.getSymbol();
      return (
        symbol?.getName() === name && !!symbol.declarations?.some((d) => declaredIn.test(d.getSourceFile().fileName))
      );
    } catch {
      // Type information is a bonus: never let it break a lint run.
      return false;
    }
  }

  familyOf(node: Node): TypeNameInfo | null {
    try {
      const tsNode = this.map.get(node);
      if (!tsNode) return null;
      const type = this.checker.getTypeAtLocation(tsNode);
      const types = (type.isUnion?.() ? type.types : [type]) as (typeof type)[];
      for (const t of types) {
        for (const symbol of [t.aliasSymbol, t.getSymbol()]) {
          if (!symbol?.declarations) continue;
          for (const decl of symbol.declarations) {
            const m = TYPE_PACKAGE_PATH.exec(decl.getSourceFile().fileName);
            if (!m) continue;
            const family: Family = m[1] ? "ioredis" : m[2] ? "node-redis" : m[3] ? "upstash" : m[4] ? "glide" : "bun";
            const name = symbol.getName();
            const what: TypeNameInfo["what"] = /Pipeline|ChainableCommander|Batch/.test(name)
              ? "pipeline"
              : /Multi|Transaction/.test(name)
                ? "transaction"
                : /Pool/.test(name)
                  ? "pool"
                  : /Cluster/.test(name)
                    ? "cluster"
                    : "client";
            return { family, what };
          }
        }
      }
    } catch {
      // Type information is a bonus: never let it break a lint run.
    }
    return null;
  }
}
