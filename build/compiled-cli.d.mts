export declare const ROOT: string;
export declare const COMPILED_CLI_DIR: string;
export declare const COMPILED_CLI_MANIFEST: string;
export declare function compiledCliState(startOnly?: boolean, root?: string): 'fresh' | 'missing' | 'stale';
export declare function startAnswer(key: keyof StartAnswers, root?: string): string | undefined;
/** What the CLI prints for `--help` and `--version`, so the bin can answer them without loading it. */
export interface StartAnswers {
  help: string;
  version: string;
}
/** What build/compile-cli.ts writes to COMPILED_CLI_MANIFEST. */
export interface CompiledCliManifest {
  startedAtMs: number;
  /** Paths relative to ROOT. */
  inputs: string[];
  /** The part of `inputs` that runs before a command is loaded (`--help`, `--version`). */
  startInputs: string[];
  startAnswers: StartAnswers;
}
