/**
 * The page, its script and its style. The single executable carries them as
 * SEA assets (build/sea.ts), the compiled CLI as files (build/compile-cli.ts
 * writes dist/cli/web/); run from the TypeScript sources, the script is
 * bundled here with esbuild at start. Nothing is fetched from elsewhere at
 * run time.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as sea from 'node:sea';
import { fileURLToPath } from 'node:url';

export interface WebAssets {
  html: string;
  js: string;
  css: string;
}

/** The SEA asset names of the page's files (build/sea.ts embeds them under these). */
export const SEA_WEB_ASSETS: Record<keyof WebAssets, string> = { html: 'web/index.html', js: 'web/app.js', css: 'web/style.css' };

const here = (file: string) => fileURLToPath(new URL(`./web/${file}`, import.meta.url));

/** Bundles the front end's script (browser ES2020, minified); the caller writes or serves it. */
export async function bundleWebScript(entry = here('app.ts')): Promise<{ js: string; inputs: string[] }> {
  // Named through a variable so the single-executable bundle (build/bundle.ts) does not pull esbuild in.
  const esbuild = 'esbuild';
  const { build } = (await import(esbuild)) as typeof import('esbuild');
  const r = await build({
    absWorkingDir: fileURLToPath(new URL('../../', import.meta.url)),
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    metafile: true,
    logLevel: 'warning',
  });
  return { js: r.outputFiles[0]!.text, inputs: Object.keys(r.metafile.inputs) };
}

export async function loadWebAssets(): Promise<WebAssets> {
  if (sea.isSea()) {
    return {
      html: sea.getAsset(SEA_WEB_ASSETS.html, 'utf8'),
      js: sea.getAsset(SEA_WEB_ASSETS.js, 'utf8'),
      css: sea.getAsset(SEA_WEB_ASSETS.css, 'utf8'),
    };
  }
  const html = readFileSync(here('index.html'), 'utf8');
  const css = readFileSync(here('style.css'), 'utf8');
  if (existsSync(here('app.js'))) return { html, css, js: readFileSync(here('app.js'), 'utf8') };
  try {
    return { html, css, js: (await bundleWebScript()).js };
  } catch (err) {
    throw new Error(
      `the dashboard's script is not built and cannot be bundled here (${(err as Error).message}): run \`npm run build:cli\``,
    );
  }
}
