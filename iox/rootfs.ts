/**
 * rootfs.tar for a `type: docker` IOx app, in `docker save` layout, built
 * without docker: one layer holding the single executable, the addon beside
 * it, and the glibc libraries both load (what ldd lists, loader included).
 */
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { BuiltExecutable } from '../build/sea.js';
import { sharedLibraries, toolchain, run } from '../build/toolchain.js';
import { EXECUTABLE, HEALTHCHECK, INSTALL_DIR, PERSISTENT_DIR, RUNTIME_ENV } from './descriptor.js';

const PATH = `${INSTALL_DIR}:/usr/bin:/bin`;
const DOCKER_ARCH = { x86_64: 'amd64', aarch64: 'arm64' } as const;

/** Reproducible archives: fixed owner and order, mtime from SOURCE_DATE_EPOCH. */
export function tarArgs(): string[] {
  return ['--sort=name', '--owner=0', '--group=0', '--numeric-owner', `--mtime=@${process.env.SOURCE_DATE_EPOCH ?? 0}`];
}

/**
 * Archives a directory's contents with member names as docker writes them
 * ("manifest.json", not "./manifest.json": readers look members up by name).
 */
export function tarDirectory(dir: string, out: string, members = readdirSync(dir).sort()): void {
  run('tar', [...tarArgs(), '-C', dir, '-cf', out, ...members]);
}

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

/** Lays out the image's filesystem in `stage`. */
export function stageRootfs(built: BuiltExecutable, stage: string): void {
  rmSync(stage, { recursive: true, force: true });
  const t = toolchain(built.arch);
  const put = (from: string, to: string, mode: number) => {
    mkdirSync(join(stage, dirname(to)), { recursive: true });
    copyFileSync(from, join(stage, to)); // follows links: /lib64/ld-linux-x86-64.so.2 is one on Debian
    chmodSync(join(stage, to), mode);
  };
  put(built.executable, EXECUTABLE, 0o755);
  put(built.addon, join(INSTALL_DIR, basename(built.addon)), 0o755);
  symlinkSync(basename(EXECUTABLE), join(stage, HEALTHCHECK));
  const libs = new Set([...sharedLibraries(t, built.executable), ...sharedLibraries(t, built.addon)]);
  for (const lib of libs) put(join(t.sysroot, lib), lib, 0o755);
  mkdirSync(join(stage, 'etc'));
  // The runtime usually mounts its own hosts/resolv.conf; these make name lookup predictable without them.
  writeFileSync(join(stage, 'etc/hosts'), '127.0.0.1 localhost\n::1 localhost\n');
  writeFileSync(join(stage, 'etc/nsswitch.conf'), 'hosts: files dns\n');
  mkdirSync(join(stage, 'tmp'));
  chmodSync(join(stage, 'tmp'), 0o1777);
  mkdirSync(join(stage, PERSISTENT_DIR));
}

/**
 * Writes `docker save` output for one image of one layer: manifest.json,
 * repositories, the image config <sha256>.json, and <layer id>/{layer.tar,json,VERSION}.
 */
export function writeRootfsTar(built: BuiltExecutable, work: string, out: string, tag: { name: string; version: string }): void {
  const stage = join(work, 'stage');
  const image = join(work, 'image');
  stageRootfs(built, stage);
  rmSync(image, { recursive: true, force: true });
  mkdirSync(image, { recursive: true });
  const layerTmp = join(work, 'layer.tar');
  tarDirectory(stage, layerTmp);
  const diffId = sha256(readFileSync(layerTmp));
  const created = new Date(Number(process.env.SOURCE_DATE_EPOCH ?? 0) * 1000).toISOString();
  const config = JSON.stringify({
    architecture: DOCKER_ARCH[built.arch],
    os: 'linux',
    created,
    config: {
      Env: [`PATH=${PATH}`, ...Object.entries(RUNTIME_ENV).map(([k, v]) => `${k}=${v}`)],
      Entrypoint: [EXECUTABLE],
      Cmd: ['--help'],
      WorkingDir: '/',
    },
    rootfs: { type: 'layers', diff_ids: [`sha256:${diffId}`] },
    history: [{ created, created_by: 'spokepilot iox/rootfs.ts' }],
  });
  const configFile = `${sha256(config)}.json`;
  const layerId = diffId; // a one-layer image: the v1 id needs no parent chain
  mkdirSync(join(image, layerId));
  renameSync(layerTmp, join(image, layerId, 'layer.tar'));
  writeFileSync(join(image, layerId, 'VERSION'), '1.0');
  writeFileSync(join(image, layerId, 'json'), JSON.stringify({ id: layerId, created, os: 'linux', architecture: DOCKER_ARCH[built.arch] }));
  writeFileSync(join(image, configFile), config);
  const repoTag = `${tag.name}:${tag.version}`;
  writeFileSync(
    join(image, 'manifest.json'),
    JSON.stringify([{ Config: configFile, RepoTags: [repoTag], Layers: [`${layerId}/layer.tar`] }]),
  );
  writeFileSync(join(image, 'repositories'), JSON.stringify({ [tag.name]: { [tag.version]: layerId } }));
  tarDirectory(image, out);
}
