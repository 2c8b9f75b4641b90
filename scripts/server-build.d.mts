// Types for scripts/server-build.mjs (plain JavaScript: the launcher runs it before anything is compiled).
export declare const STAMP: string;
export declare function serverBuildState(root: string): 'fresh' | 'stale' | 'missing';
export declare function buildServer(root: string, options?: { strict?: boolean; say?: (line: string) => void }): boolean;
export declare function ensureServerBuilt(root: string, say: (line: string) => void): boolean;
