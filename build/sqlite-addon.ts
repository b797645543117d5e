/**
 * better_sqlite3.node for an architecture: the one npm built here for the
 * host; for another, compiled by node-gyp with Debian's cross toolchain against
 * this machine's Node headers (npm's nodedir; they are the same for every
 * architecture), cached by better-sqlite3 and Node ABI version.
 */
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { ADDON_NAME, CACHE, HOST_ADDON, ROOT } from './paths.js';
import { run, type Toolchain } from './toolchain.js';

const SOURCE = join(ROOT, 'node_modules/better-sqlite3');

export function sqliteAddon(t: Toolchain): string {
  if (t.runner.length === 0) return HOST_ADDON;
  const { version } = JSON.parse(readFileSync(join(SOURCE, 'package.json'), 'utf8')) as { version: string };
  const work = join(CACHE, `better-sqlite3-${version}-abi${process.versions.modules}-linux-${t.nodeArch}`);
  const built = join(work, 'build/Release', ADDON_NAME);
  if (existsSync(built)) return built;

  const headers = process.env.npm_config_nodedir ?? '/usr';
  if (!existsSync(join(headers, 'include/node/node.h'))) {
    throw new Error(`no Node headers under ${headers} (set npm's nodedir): node-gyp would download them`);
  }
  rmSync(work, { recursive: true, force: true });
  for (const part of ['binding.gyp', 'package.json', 'deps', 'src']) cpSync(join(SOURCE, part), join(work, part), { recursive: true });
  console.error(`building ${ADDON_NAME} for ${t.arch} (about a minute)`);
  run(
    process.execPath,
    [nodeGyp(), 'rebuild', '--release', `--arch=${t.nodeArch}`, `--nodedir=${headers}`, `--jobs=${availableParallelism()}`],
    {
      cwd: work,
      env: t.compilerEnv,
    },
  );
  return built;
}

/** npm's own node-gyp (npm names it when running scripts). */
function nodeGyp(): string {
  return (
    process.env.npm_config_node_gyp ?? join(dirname(process.execPath), '../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js')
  );
}
