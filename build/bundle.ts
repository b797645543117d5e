/**
 * Bundles the CLI and its workers into one CommonJS file, dist/spokepilot.cjs
 * (DESIGN §5), with better_sqlite3.node and the lab's scenarios beside it so
 * `node dist/spokepilot.cjs` runs as the single executable does.
 * `node --import tsx build/bundle.ts`.
 */
import { build } from 'esbuild';
import { copyFileSync, cpSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ADDON_NAME, BUNDLE, HOST_ADDON, isMain, ROOT } from './paths.js';

export async function bundle(): Promise<string> {
  mkdirSync(dirname(BUNDLE), { recursive: true });
  await build({
    entryPoints: [join(ROOT, 'build/entry.ts')],
    outfile: BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Identifiers stay readable in stack traces; whitespace and dead code go.
    minifyWhitespace: true,
    minifySyntax: true,
    // ssh2's optional speed-ups: it falls back to JavaScript when they fail to load.
    external: ['cpu-features', '*.node'],
    alias: { bindings: join(ROOT, 'build/sqlite-addon-shim.cjs') },
    // CommonJS has no import.meta; resolveWorkerEntry takes a URL of the module.
    banner: { js: 'const __bundleUrl = require("node:url").pathToFileURL(__filename).href;' },
    define: {
      'import.meta.url': '__bundleUrl',
      SEA_LOADER_SOURCE: JSON.stringify(readFileSync(join(ROOT, 'build/sea-loader.js'), 'utf8')),
    },
    logLevel: 'warning',
  });
  copyFileSync(HOST_ADDON, join(dirname(BUNDLE), ADDON_NAME));
  copyLabScenarios(dirname(BUNDLE));
  return BUNDLE;
}

/**
 * The lab reads its scenarios and baselines beside its module (lab/lab-data.ts),
 * which in a bundle is beside the bundle (or the executable): `spokepilot demo`
 * and `spokepilot lab` need them there. The IOx rootfs leaves them out.
 */
export function copyLabScenarios(dir: string): void {
  for (const data of ['scenarios', 'baselines']) cpSync(join(ROOT, 'lab', data), join(dir, data), { recursive: true });
}

if (isMain(import.meta.url)) {
  const file = await bundle();
  console.log(`${file}: ${statSync(file).size} bytes`);
}
