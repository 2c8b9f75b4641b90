// Types for scripts/check-imports.mjs.
export declare const ALLOWED: Readonly<Record<string, readonly string[] | null>>;
export declare function checkImports(srcRoot: string, allowed?: Readonly<Record<string, readonly string[] | null>>): string[];
