/**
 * Compiles the CLI to JavaScript in dist/cli/ (npm's `prepare`, so `npm ci`
 * does it): ESM split into chunks so each command is its own chunk and
 * `--help` loads almost nothing; every package stays in node_modules (the
 * native ones, better-sqlite3, ssh2 and cpu-features, must). The workers are
 * entries of their own beside the chunks, where resolveWorkerEntry looks.
 * `node --import tsx build/compile-cli.ts [--if-stale]`.
 */
import { build, type Metafile } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { bundleWebScript } from '../agent/fleet/web-assets.js';
import { join } from 'node:path';
import { COMPILED_CLI_DIR, COMPILED_CLI_MANIFEST, ROOT, compiledCliState, type CompiledCliManifest } from './compiled-cli.mjs';
import { isMain } from './paths.js';
import { usage, versionLine } from '../agent/cli/main.js';
import { precompiledConfigSchema } from './precompiled-config-schema.js';

/**
 * Pure JavaScript packages the short commands load, bundled: from ESM, each
 * CommonJS file of a package costs a resolution and a lexing pass, which for
 * yaml and ip-num was most of `config check`'s start. Every other package
 * stays in node_modules (native ones must; the rest load only in long-running
 * commands).
 */
const BUNDLED_PACKAGES = ['yaml', 'ip-num'];

const ENTRIES = {
  main: 'agent/cli/main.ts',
  'parse-worker': 'agent/parsers/pool/parse-worker.ts',
  'route-ingest-worker': 'agent/adapters/sqlite/route-ingest-worker.ts',
};

/** Builds into a scratch directory and swaps it in whole, so a bin starting meanwhile never sees half a build. */
export async function compileCli(): Promise<string> {
  const startedAtMs = Date.now();
  const dir = COMPILED_CLI_DIR.replace(/\/$/, '');
  const scratch = `${dir}.new-${process.pid}`;
  rmSync(scratch, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, file]) => [name, join(ROOT, file)])),
    outdir: scratch,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: externalPackages(),
    // Bundled CommonJS requires Node's builtins; an ES module has no `require` of its own.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    metafile: true,
    plugins: [precompiledConfigSchema()],
    logLevel: 'warning',
  });
  // The dashboard's page, bundled beside the chunks (agent/fleet/web-assets.ts looks in web/ next to itself).
  const web = await bundleWebScript(join(ROOT, 'agent/fleet/web/app.ts'));
  mkdirSync(join(scratch, 'web'));
  writeFileSync(join(scratch, 'web', 'app.js'), web.js);
  for (const f of ['index.html', 'style.css']) copyFileSync(join(ROOT, 'agent/fleet/web', f), join(scratch, 'web', f));
  const manifest: CompiledCliManifest = {
    startedAtMs,
    inputs: [
      ...new Set([...Object.keys(result.metafile.inputs), ...web.inputs, 'agent/fleet/web/index.html', 'agent/fleet/web/style.css']),
    ].sort(),
    startInputs: staticInputs(result.metafile, join(ROOT, ENTRIES.main)),
    startAnswers: { help: usage(), version: versionLine() },
  };
  // Last: the manifest is what says the build is whole.
  writeFileSync(join(scratch, 'build-inputs.json'), `${JSON.stringify(manifest)}\n`);
  const old = `${dir}.old-${process.pid}`;
  try {
    renameSync(dir, old);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  renameSync(scratch, dir);
  rmSync(old, { recursive: true, force: true });
  return COMPILED_CLI_MANIFEST;
}

function externalPackages(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };
  const all = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies), 'cpu-features'];
  return all.filter((name) => !BUNDLED_PACKAGES.includes(name)).flatMap((name) => [name, `${name}/*`]);
}

/** The sources of an entry and of every chunk it imports statically: what runs before any command is loaded. */
function staticInputs(metafile: Metafile, entry: string): string[] {
  const outputs = Object.entries(metafile.outputs);
  const start = outputs.find(([, o]) => o.entryPoint !== undefined && join(ROOT, o.entryPoint) === entry)?.[0];
  const seen = new Set<string>();
  const inputs = new Set<string>();
  for (let queue = start ? [start] : []; queue.length > 0;) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const output = metafile.outputs[file]!;
    for (const input of Object.keys(output.inputs)) inputs.add(input);
    queue = queue.concat(output.imports.filter((i) => i.kind === 'import-statement' && !i.external).map((i) => i.path));
  }
  return [...inputs].sort();
}

if (isMain(import.meta.url)) {
  if (process.argv.includes('--if-stale') && compiledCliState() === 'fresh') process.exit(0);
  const t0 = performance.now();
  await compileCli();
  console.log(`compiled the CLI into ${COMPILED_CLI_DIR} in ${Math.round(performance.now() - t0)} ms`);
}
