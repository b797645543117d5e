#!/usr/bin/env node
// The `spokepilot` command. `--help` and `--version` are answered here, in
// CommonJS, from the text the compile wrote (build/compiled-cli.cjs
// startAnswer): starting Node's ES module loader costs about 12 ms of CPU, more
// than all the rest of such an answer. Everything else, and these too when the
// sources changed since the compile, runs the ES module CLI (spokepilot.mjs).
'use strict';
const { startAnswer } = require('../build/compiled-cli.cjs');

const START = { '--help': 'help', '-h': 'help', help: 'help', '--version': 'version', '-V': 'version', version: 'version' };
const arg = process.argv[2];
const key = arg === undefined ? 'help' : Object.hasOwn(START, arg) ? START[arg] : undefined;
const text = key === undefined ? undefined : startAnswer(key);
if (text === undefined) {
  import('./spokepilot.mjs');
} else {
  // `spokepilot --help | head -1`: a reader that stops early is not an error.
  process.stdout.on('error', (err) => {
    if (err.code !== 'EPIPE') throw err;
  });
  process.stdout.write(`${text}\n`);
  // Bare `spokepilot` is a usage error, as in agent/cli/main.ts.
  process.exitCode = arg === undefined ? 2 : 0;
}
