/**
 * The tools that build and run an architecture's binaries on this (x86_64
 * Debian) machine: the host's own for x86_64; for aarch64, Debian's cross
 * toolchain (g++-aarch64-linux-gnu, libc6-dev-arm64-cross) and qemu-user.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { basename, join } from 'node:path';
import { hostArch, type Arch } from './paths.js';

export interface Toolchain {
  arch: Arch;
  /** Node's name for the architecture (node-gyp --arch, npm's node-linux-<arch>). */
  nodeArch: 'x64' | 'arm64';
  strip: string;
  /** CC/CXX/AR/LINK for node-gyp; empty for the host's defaults. */
  compilerEnv: Record<string, string>;
  /** Where the target's glibc lives on this machine ('/' natively). */
  sysroot: string;
  /** The dynamic loader's path inside the target's filesystem (PT_INTERP of node). */
  loader: string;
  /** Prefix that runs a target binary here: nothing natively, qemu-user otherwise. */
  runner: string[];
}

/** Debian's cross toolchain for a GNU triplet: tools named <triplet>-*, target libraries in /usr/<triplet>. */
function cross(triplet: string): Pick<Toolchain, 'strip' | 'compilerEnv' | 'sysroot'> {
  return {
    strip: `${triplet}-strip`,
    compilerEnv: { CC: `${triplet}-gcc`, CXX: `${triplet}-g++`, AR: `${triplet}-ar`, LINK: `${triplet}-g++` },
    sysroot: `/usr/${triplet}`,
  };
}

const TOOLCHAINS: Record<Arch, Omit<Toolchain, 'runner'>> = {
  x86_64: { arch: 'x86_64', nodeArch: 'x64', loader: '/lib64/ld-linux-x86-64.so.2', ...cross('x86_64-linux-gnu') },
  aarch64: { arch: 'aarch64', nodeArch: 'arm64', loader: '/lib/ld-linux-aarch64.so.1', ...cross('aarch64-linux-gnu') },
};

export function toolchain(arch: Arch): Toolchain {
  const t = TOOLCHAINS[arch];
  if (arch === hostArch()) return { ...t, strip: 'strip', compilerEnv: {}, sysroot: '/', runner: [] };
  return { ...t, runner: [`qemu-${arch}`, '-L', t.sysroot] };
}

export interface RunOptions {
  env?: Record<string, string>;
  cwd?: string;
}

/** Runs a command, throwing with its stderr on failure; returns stdout. */
export function run(command: string, args: string[], options: RunOptions = {}): string {
  try {
    return execFileSync(command, args, {
      encoding: 'utf8',
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      maxBuffer: 64 << 20,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (err) {
    const e = err as Error & { stderr?: string; code?: string };
    if (e.code === 'ENOENT') throw new Error(`${command} not found: ${missingToolHint(command)}`);
    throw new Error(`${command} ${args.join(' ')} failed: ${e.stderr?.trim() || e.message}`);
  }
}

/** Runs a target binary here (natively or under qemu-user). */
export function runTarget(t: Toolchain, file: string, args: string[], options: RunOptions = {}): string {
  const [command, ...prefix] = [...t.runner, file];
  return run(command!, [...prefix, ...args], options);
}

function missingToolHint(command: string): string {
  if (command.startsWith('qemu-')) return 'apt-get install qemu-user';
  if (command.includes('aarch64')) return 'apt-get install g++-aarch64-linux-gnu libc6-dev-arm64-cross';
  if (command.endsWith('strip')) return 'apt-get install binutils';
  return 'is it installed?';
}

/**
 * The shared libraries a target binary loads, as paths inside the target's
 * filesystem, loader included: what `ldd` lists (for a foreign architecture,
 * the target's own loader asked with --list under qemu-user).
 */
export function sharedLibraries(t: Toolchain, file: string): string[] {
  const listing = t.runner.length === 0 ? run('ldd', [file]) : runTarget(t, join(t.sysroot, t.loader), ['--list', file]);
  const libs = new Set<string>([t.loader]);
  for (const line of listing.split('\n')) {
    const m = /=>\s+(\/\S+)/.exec(line) ?? /^\s*(\/\S+)\s+\(0x/.exec(line);
    // Under qemu-user the loader names itself by its path on this machine.
    if (m && !m[1]!.endsWith(basename(t.loader))) libs.add(m[1]!);
  }
  if (libs.size === 1) throw new Error(`no shared libraries listed for ${file}:\n${listing}`);
  return [...libs].sort();
}

/**
 * Why a single executable for `arch` cannot be built here, or undefined: the
 * tools are missing, or this node was built without SEA support.
 */
export function missingPrerequisites(arch: Arch): string | undefined {
  const t = toolchain(arch);
  if (process.platform !== 'linux') return `builds run on Linux, not ${process.platform}`;
  const variables = process.config.variables as { single_executable_application?: boolean };
  if (!variables.single_executable_application) return `${process.execPath} was built without single executable support`;
  const tools = [t.strip, 'tar', ...(t.runner.length === 0 ? ['ldd'] : [t.runner[0]!, t.compilerEnv.CXX!])];
  const missing = tools.filter((tool) => spawnSync(tool, ['--version'], { stdio: 'ignore' }).error !== undefined);
  return missing.length > 0 ? `missing ${missing.join(', ')} (${[...new Set(missing.map(missingToolHint))].join('; ')})` : undefined;
}
