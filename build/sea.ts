/**
 * Node single executable (DESIGN §5): dist/<arch>/spokepilot is a stripped
 * node binary with the bundle injected by postject, better_sqlite3.node beside
 * it. `node --import tsx build/sea.ts [--arch x86_64|aarch64]`.
 */
import { chmodSync, copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { bundleWebScript, SEA_WEB_ASSETS } from '../agent/fleet/web-assets.js';
import { bundle, copyLabScenarios } from './bundle.js';
import { nodeBinary } from './node-binary.js';
import { ADDON_NAME, BUNDLE, DIST, executableDir, isMain, parseArch, ROOT, type Arch } from './paths.js';
import { sqliteAddon } from './sqlite-addon.js';
import { run, runTarget, toolchain, type Toolchain } from './toolchain.js';

/** The sentinel Node's SEA support looks for (Node docs, "Single executable applications"). */
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
export const EXECUTABLE_NAME = 'spokepilot';
const POSTJECT = createRequire(import.meta.url).resolve('postject/dist/cli.js');

export interface BuiltExecutable {
  arch: Arch;
  executable: string;
  addon: string;
}

export async function buildExecutable(arch: Arch): Promise<BuiltExecutable> {
  const t = toolchain(arch);
  const node = nodeBinary(t);
  await bundle();
  const dir = executableDir(arch);
  mkdirSync(dir, { recursive: true });
  const executable = join(dir, EXECUTABLE_NAME);
  copyFileSync(node, executable);
  chmodSync(executable, 0o755);
  // Strip first: the official binary's symbols are ~12 MB, and strip would not keep the injected blob.
  run(t.strip, [executable]);
  // postject's CLI in a child process: its ELF library prints a warning per note section of the official binary.
  run(process.execPath, [POSTJECT, executable, 'NODE_SEA_BLOB', await seaBlob(t, node), '--sentinel-fuse', SEA_FUSE]);
  const addon = join(dir, ADDON_NAME);
  copyFileSync(sqliteAddon(t), addon);
  run(t.strip, ['--strip-unneeded', addon]);
  copyLabScenarios(dir);
  return { arch, executable, addon };
}

/**
 * The blob holds build/sea-loader.js as the main script and the bundle as an
 * asset, which the loader runs (in the main thread and in every worker), and
 * the dashboard's page, script and style (`fleet serve` reads them with
 * node:sea's getAsset: nothing of the page sits beside the executable). It
 * is made by the target's own node (under qemu-user for another architecture)
 * since the blob format belongs to the Node version that reads it.
 */
async function seaBlob(t: Toolchain, node: string): Promise<string> {
  const dir = join(DIST, '.sea', t.arch);
  mkdirSync(dir, { recursive: true });
  const webJs = join(dir, 'app.js');
  writeFileSync(webJs, (await bundleWebScript(join(ROOT, 'agent/fleet/web/app.ts'))).js);
  const config = join(dir, 'sea-config.json');
  const output = join(dir, 'sea-prep.blob');
  writeFileSync(
    config,
    JSON.stringify(
      {
        main: join(ROOT, 'build/sea-loader.js'),
        output,
        disableExperimentalSEAWarning: true,
        useSnapshot: false,
        useCodeCache: false,
        assets: {
          'spokepilot.cjs': BUNDLE,
          [SEA_WEB_ASSETS.html]: join(ROOT, 'agent/fleet/web/index.html'),
          [SEA_WEB_ASSETS.js]: webJs,
          [SEA_WEB_ASSETS.css]: join(ROOT, 'agent/fleet/web/style.css'),
        },
      },
      null,
      2,
    ),
  );
  runTarget(t, node, ['--experimental-sea-config', config]);
  return output;
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({ options: { arch: { type: 'string' } } });
  const built = await buildExecutable(parseArch(values.arch));
  console.log(JSON.stringify(built));
}
