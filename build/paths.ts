/** Where the build reads and writes; shared by build/, iox/, the smoke test and the footprint bench. */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

export type Arch = 'x86_64' | 'aarch64';
export const ARCHES: readonly Arch[] = ['x86_64', 'aarch64'];

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DIST = join(ROOT, 'dist');
/** Downloads and cross-builds that survive `rm -rf dist/<arch>`: the arm64 node binary, the arm64 addon. */
export const CACHE = join(DIST, '.cache');
export const BUNDLE = join(DIST, 'spokepilot.cjs');
export const ADDON_NAME = 'better_sqlite3.node';
export const HOST_ADDON = join(ROOT, 'node_modules/better-sqlite3/build/Release', ADDON_NAME);

/** dist/<arch>/: the single executable and the addon it loads from beside itself. */
export function executableDir(arch: Arch): string {
  return join(DIST, arch);
}

export function hostArch(): Arch {
  if (process.arch === 'x64') return 'x86_64';
  if (process.arch === 'arm64') return 'aarch64';
  throw new Error(`unsupported build host architecture ${process.arch}`);
}

export function parseArch(value: string | undefined): Arch {
  const arch = value ?? hostArch();
  if (!(ARCHES as readonly string[]).includes(arch)) throw new Error(`--arch must be one of ${ARCHES.join(', ')}, not ${arch}`);
  return arch as Arch;
}

/** Whether the module at `moduleUrl` is the script node was started with. */
export function isMain(moduleUrl: string): boolean {
  return process.argv[1] !== undefined && moduleUrl === pathToFileURL(process.argv[1]).href;
}
