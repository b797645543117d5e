/**
 * `npm run package:iox -- --arch x86_64|aarch64` writes
 * dist/spokepilot-<version>-<arch>.tar, an IOx application package (DESIGN §4):
 * package.yaml, package_config.ini, artifacts.tar.gz (holding rootfs.tar) and
 * package.mf with the SHA256 of each of them.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { stringify } from 'yaml';
import { DIST, isMain, parseArch, ROOT, type Arch } from '../build/paths.js';
import { buildExecutable, type BuiltExecutable } from '../build/sea.js';
import { descriptor } from './descriptor.js';
import { tarDirectory, writeRootfsTar } from './rootfs.js';
import { descriptorProblems } from './validate-descriptor.js';

/** Members in the order IOx lists them; package.mf covers every other one. */
export const PACKAGE_MEMBERS = ['package.yaml', 'package_config.ini', 'artifacts.tar.gz'] as const;

export interface BuiltPackage {
  arch: Arch;
  file: string;
  bytes: number;
}

export function packageFile(arch: Arch, version = projectVersion()): string {
  return join(DIST, `spokepilot-${version}-${arch}.tar`);
}

export async function buildPackage(arch: Arch, built?: BuiltExecutable): Promise<BuiltPackage> {
  const exe = built ?? (await buildExecutable(arch));
  const { version, description } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; description: string };
  const work = join(DIST, '.iox', arch);
  const members = join(work, 'package');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(members, { recursive: true });

  const desc = descriptor({ version, arch, description });
  const problems = descriptorProblems(desc);
  if (problems.length > 0) throw new Error(`package.yaml does not match its IOx schema:\n  ${problems.join('\n  ')}`);
  writeFileSync(join(members, 'package.yaml'), stringify(desc, { lineWidth: 0 }));
  copyFileSync(join(ROOT, 'iox/package_config.ini'), join(members, 'package_config.ini'));

  const artifacts = join(work, 'artifacts');
  mkdirSync(artifacts);
  writeRootfsTar(exe, work, join(artifacts, 'rootfs.tar'), { name: 'spokepilot', version });
  const artifactsTar = join(work, 'artifacts.tar');
  tarDirectory(artifacts, artifactsTar);
  // zlib's gzip writes no name or time into the header: the same input gives the same bytes.
  writeFileSync(join(members, 'artifacts.tar.gz'), gzipSync(readFileSync(artifactsTar), { level: 9 }));
  rmSync(artifacts, { recursive: true });
  rmSync(artifactsTar);

  writeFileSync(join(members, 'package.mf'), PACKAGE_MEMBERS.map((m) => `SHA256(${m})= ${sha256File(join(members, m))}\n`).join(''));
  const file = packageFile(arch, version);
  tarDirectory(members, file, [...PACKAGE_MEMBERS, 'package.mf']);
  return { arch, file, bytes: statSync(file).size };
}

function projectVersion(): string {
  return (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

function sha256File(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({ options: { arch: { type: 'string' } } });
  const built = await buildPackage(parseArch(values.arch));
  console.log(`${built.file}: ${built.bytes} bytes`);
}
