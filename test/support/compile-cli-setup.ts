/**
 * vitest globalSetup: the tests start the real bin, so compile the CLI first
 * when the sources changed since `npm ci` did (a developer's edit). They then
 * run what an install runs, and without the bin's tsx hint on stderr.
 */
import { compiledCliState } from '../../build/compiled-cli.mjs';
import { compileCli } from '../../build/compile-cli.js';

export default async function setup(): Promise<void> {
  if (compiledCliState() !== 'fresh') await compileCli();
}
