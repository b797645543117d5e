// The TypeScript side's door to build/compiled-cli.cjs (which the bin requires directly).
export { ROOT, COMPILED_CLI_DIR, COMPILED_CLI_MANIFEST, compiledCliState, startAnswer } from './compiled-cli.cjs';
