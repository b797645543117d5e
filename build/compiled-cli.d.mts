export declare const ROOT: string;
export declare const COMPILED_CLI_DIR: string;
export declare const COMPILED_CLI_MANIFEST: string;
export declare function compiledCliState(startOnly?: boolean, root?: string): 'fresh' | 'missing' | 'stale';
/** What build/compile-cli.ts writes to COMPILED_CLI_MANIFEST. */
export interface CompiledCliManifest {
  startedAtMs: number;
  /** Paths relative to ROOT. */
  inputs: string[];
  /** The part of `inputs` that runs before a command is loaded (`--help`, `--version`). */
  startInputs: string[];
}
