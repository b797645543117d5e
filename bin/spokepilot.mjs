#!/usr/bin/env node
// The ES module side of the `spokepilot` command (bin/spokepilot.cjs hands it
// every command it does not answer itself). Runs the CLI compiled at install (`npm ci` runs `prepare`: build/compile-cli.ts
// into dist/cli/), which loads only the chunk of the command asked for.
//
// When that build is missing or older than the TypeScript sources (a developer
// edited them, or switched branches), the sources run through tsx instead, with
// a one-line hint. Not a rebuild: the edit applies at once either way, but a
// command that only reads would then write into the checkout, and the tests
// start many of these at the same moment, each of which would rebuild.
import { compiledCliState } from '../build/compiled-cli.mjs';

// Answered by main.ts before it loads any command, so only its own sources need be current.
const START_ONLY = new Set([undefined, '--help', '-h', 'help', '--version', '-V', 'version']);
const state = compiledCliState(START_ONLY.has(process.argv[2]));
let main;
if (state === 'fresh') {
  ({ main } = await import('../dist/cli/main.js'));
} else {
  const why = state === 'missing' ? 'is not compiled' : 'sources changed since it was compiled';
  process.stderr.write(`spokepilot: the CLI ${why}; running the TypeScript through tsx (slower). \`npm run build:cli\` compiles it.\n`);
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../agent/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
