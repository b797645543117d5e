/** Parses argv with node:util parseArgs, printing the error and usage on failure. */
export function cliArgs<T>(parse: () => T, usage: string, command: string): T | undefined {
  try {
    return parse();
  } catch (err) {
    console.error(`spokepilot ${command}: ${(err as Error).message}\n\n${usage}`);
    return undefined;
  }
}
