/** One module with one function of about `statements` statements (see growth-code.mjs). */
export function generate(statements: number): { statements: number; code: string };
