/**
 * The node binary a single executable is made from: this machine's own for its
 * architecture; for another, the official build of the same Node version from
 * npm's node-linux-<arch> package (the SEA blob must come from that version).
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CACHE } from './paths.js';
import { run, runTarget, type Toolchain } from './toolchain.js';

export function nodeBinary(t: Toolchain): string {
  if (t.runner.length === 0) return process.execPath;
  const version = process.versions.node;
  const dir = join(CACHE, `node-v${version}-linux-${t.nodeArch}`);
  const file = join(dir, 'package/bin/node');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    // npm pack checks the tarball against the registry's integrity hash.
    const [packed] = JSON.parse(run('npm', ['pack', `node-linux-${t.nodeArch}@${version}`, '--json', '--pack-destination', dir])) as {
      filename: string;
    }[];
    const tarball = join(dir, packed!.filename);
    run('tar', ['-xzf', tarball, '-C', dir, 'package/bin/node']);
    rmSync(tarball);
  }
  const reported = runTarget(t, file, ['--version']).trim();
  if (reported !== process.version) throw new Error(`${file} is node ${reported}, expected ${process.version}`);
  return file;
}
