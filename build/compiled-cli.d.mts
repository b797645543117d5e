export declare const ROOT: string;
export declare const COMPILED_CLI_DIR: string;
export declare const COMPILED_CLI_MANIFEST: string;
export declare function compiledCliState(): 'fresh' | 'missing' | 'stale';
/** What build/compile-cli.ts writes to COMPILED_CLI_MANIFEST. */
export interface CompiledCliManifest {
  startedAtMs: number;
  /** Paths relative to ROOT. */
  inputs: string[];
}
