// Whether dist/cli/ (build/compile-cli.ts) may run: shared by bin/spokepilot.mjs,
// which must stay cheap (plain JavaScript, a stat per source file, ~2 ms), and
// the compile step, which skips work when nothing changed.
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const COMPILED_CLI_DIR = `${ROOT}dist/cli/`;
/** Written last by the compile: when the build started and every source file it read. */
const MANIFEST_IN_ROOT = 'dist/cli/build-inputs.json';
export const COMPILED_CLI_MANIFEST = `${ROOT}${MANIFEST_IN_ROOT}`;

/**
 * `startOnly`: only what runs before a command is loaded matters (`--help`,
 * `--version`): two stats instead of some three hundred. `root`, ending in a
 * slash, is the checkout (another one in tests).
 *
 * 'fresh'; 'missing' (never compiled, or a compile did not finish); or 'stale'
 * (a source the build read was changed, or removed, since the build started).
 */
export function compiledCliState(startOnly = false, root = ROOT) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(`${root}${MANIFEST_IN_ROOT}`, 'utf8'));
  } catch {
    return 'missing';
  }
  for (const input of startOnly ? manifest.startInputs : manifest.inputs) {
    const stat = statSync(`${root}${input}`, { throwIfNoEntry: false });
    if (!stat || stat.mtimeMs > manifest.startedAtMs) return 'stale';
  }
  return 'fresh';
}
