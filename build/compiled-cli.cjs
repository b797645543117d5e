// Whether dist/cli/ (build/compile-cli.ts) may run: shared by the bin, which
// must stay cheap (plain JavaScript, a stat per source file, ~2 ms), and the
// compile step, which skips work when nothing changed. CommonJS, so that the
// bin answers `--help` and `--version` without starting Node's ES module
// loader (build/compiled-cli.mjs re-exports it for the TypeScript side).
'use strict';
const { readFileSync, statSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = `${join(__dirname, '..')}/`;
const COMPILED_CLI_DIR = `${ROOT}dist/cli/`;
/** Written last by the compile: when the build started, every source file it read, the start answers. */
const MANIFEST_IN_ROOT = 'dist/cli/build-inputs.json';
const COMPILED_CLI_MANIFEST = `${ROOT}${MANIFEST_IN_ROOT}`;

function readManifest(root) {
  try {
    return JSON.parse(readFileSync(`${root}${MANIFEST_IN_ROOT}`, 'utf8'));
  } catch {
    return undefined; // never compiled, or a compile did not finish: the manifest is written last
  }
}

function stateOf(manifest, startOnly, root) {
  for (const input of startOnly ? manifest.startInputs : manifest.inputs) {
    const stat = statSync(`${root}${input}`, { throwIfNoEntry: false });
    if (!stat || stat.mtimeMs > manifest.startedAtMs) return 'stale';
  }
  return 'fresh';
}

/**
 * `startOnly`: only what runs before a command is loaded matters (`--help`,
 * `--version`): two stats instead of some three hundred. `root`, ending in a
 * slash, is the checkout (another one in tests).
 *
 * 'fresh'; 'missing' (never compiled, or a compile did not finish); or 'stale'
 * (a source the build read was changed, or removed, since the build started).
 */
function compiledCliState(startOnly = false, root = ROOT) {
  const manifest = readManifest(root);
  return manifest ? stateOf(manifest, startOnly, root) : 'missing';
}

/**
 * What the compiled CLI prints for `help` or `version` (agent/cli/main.ts's own
 * text, written by the compile), while the sources it came from are unchanged;
 * otherwise undefined, and the CLI itself answers.
 */
function startAnswer(key, root = ROOT) {
  const manifest = readManifest(root);
  if (!manifest || manifest.startAnswers === undefined || stateOf(manifest, true, root) !== 'fresh') return undefined;
  return manifest.startAnswers[key];
}

exports.ROOT = ROOT;
exports.COMPILED_CLI_DIR = COMPILED_CLI_DIR;
exports.COMPILED_CLI_MANIFEST = COMPILED_CLI_MANIFEST;
exports.compiledCliState = compiledCliState;
exports.startAnswer = startAnswer;
