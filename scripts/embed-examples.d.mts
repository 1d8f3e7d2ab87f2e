/** Types of scripts/embed-examples.mjs, for the tests that import it. */
export declare const ROOT: string;
export declare const DOCS_DIR: string;
export declare const EXAMPLE_FILE: RegExp;
export declare function renderExample(source: string): string;
export declare function embedExamples(markdown: string, root?: string): string;
export declare function docsStatus(root?: string): Array<{ path: string; current: string; expected: string }>;
export declare function outOfDateDocs(root?: string): string[];
