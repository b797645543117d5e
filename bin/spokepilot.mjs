#!/usr/bin/env node
// Development entry: runs the TypeScript sources through tsx. The shipped
// single executable is an esbuild bundle of agent/cli/main.ts (build/).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../agent/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
