import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Where the lab's data files are (`scenarios/`, `baselines/`). Bundling moves
 * this module, so its URL is tried in each place it can run from: lab/ itself
 * (the TypeScript sources); beside the bundle or the single executable, where
 * build/bundle.ts copies them; and two levels up from the compiled CLI
 * (dist/cli/ → the checkout's lab/), so an edited scenario applies without a
 * rebuild.
 */
const BASES = [new URL('./', import.meta.url), new URL('../../lab/', import.meta.url)];

/** The path of `relative` (e.g. `scenarios/brownout.yaml`) under the first base that has it; under the first base when none has. */
export function labDataPath(relative: string): string {
  const paths = BASES.map((base) => fileURLToPath(new URL(relative, base)));
  return paths.find((p) => existsSync(p)) ?? paths[0]!;
}
