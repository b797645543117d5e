/**
 * CI smoke test of the IOx packages (issue 7): builds a package, unpacks it as
 * IOx would, checks the manifest and the descriptor, then runs the executable
 * from inside the unpacked rootfs: proof that the rootfs carries everything it
 * needs (glibc and its loader, the addon, the workers). x86_64 runs under
 * chroot; aarch64 under qemu-user with the rootfs as its only library root.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import mqtt from 'mqtt';
import { parse, stringify } from 'yaml';
import { BUNDLE, DIST, hostArch, type Arch } from '../../build/paths.js';
import { missingPrerequisites } from '../../build/toolchain.js';
import { EXECUTABLE, HEALTHCHECK } from '../../iox/descriptor.js';
import { buildPackage, PACKAGE_MEMBERS } from '../../iox/package.js';
import { descriptorProblems } from '../../iox/validate-descriptor.js';
import { startEmbeddedBroker } from '../../lab/embedded-broker.js';
import { labAgentConfig } from '../../lab/harness/agent-config.js';
import { startLabSpoke } from '../../lab/spoke.js';
import { ScaledClock } from '../../lab/world/clock.js';
import { tempDir } from '../support/temp-dir.js';

const exec = promisify(execFile);
const SHOW_VERSION = 'test/corpus/ntc-templates/show_version/cisco_ios_show_version1.raw';
/** Found here, not through PATH: commands run with the rootfs's environment. */
const CHROOT = ['/usr/sbin/chroot', '/sbin/chroot', '/usr/bin/chroot'].find((f) => existsSync(f));
const QEMU_AARCH64 = ['/usr/bin/qemu-aarch64', '/usr/bin/qemu-aarch64-static'].find((f) => existsSync(f));
const DOCKER_ARCH = { x86_64: 'amd64', aarch64: 'arm64' };

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

interface Descriptor {
  app: { cpuarch: string; env: Record<string, string>; startup: { target: string[] }; monitor: { script: string } };
}

/** How to run a program of the rootfs as if the rootfs were `/`; undefined with the reason when this machine cannot. */
function rootfsRunner(arch: Arch): { run?: (rootfs: string, file: string) => [string, string[]]; skip?: string } {
  const missing = missingPrerequisites(arch);
  if (missing) return { skip: missing };
  if (arch === 'x86_64') {
    if (process.arch !== 'x64') return { skip: `the x86_64 rootfs runs natively; this host is ${process.arch}` };
    if (!CHROOT || process.getuid?.() !== 0) return { skip: 'chroot needs root and the chroot command' };
    return { run: (rootfs, file) => [CHROOT, [rootfs, file]] };
  }
  if (!QEMU_AARCH64) return { skip: 'no qemu-aarch64 (apt-get install qemu-user)' };
  // -L: the loader and every library come from the rootfs (the host has no aarch64 ones there to fall back on).
  return { run: (rootfs, file) => [QEMU_AARCH64, ['-L', rootfs, join(rootfs, file)]] };
}

/**
 * Architectures whose smoke test must run (comma-separated, e.g. `x86_64,aarch64`):
 * .ci/run sets it, so a missing toolchain fails there instead of skipping unseen.
 */
const REQUIRED = new Set(
  (process.env.SPOKEPILOT_SMOKE_ARCHES ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean),
);

for (const arch of ['x86_64', 'aarch64'] as const) {
  const runner = rootfsRunner(arch);
  if (runner.skip && REQUIRED.has(arch)) {
    it(`IOx package ${arch}: its smoke test can run here (SPOKEPILOT_SMOKE_ARCHES requires it)`, () => {
      expect.fail(`cannot run the ${arch} smoke test: ${runner.skip}`);
    });
    continue;
  }
  if (runner.skip) console.warn(`IOx package smoke test for ${arch} skipped: ${runner.skip}`);
  /**
   * The monitor's HTTP timeout (3 s by default) counts from its first fetch,
   * which under qemu-user on a busy machine is still compiling undici: the
   * emulated run gets a longer one (the command's own --timeout).
   */
  const healthArgs = arch === hostArch() ? [] : ['--timeout', '60000'];

  // Generous: under qemu-user every start of the executable takes seconds.
  describe.skipIf(runner.skip !== undefined)(`IOx package ${arch}: unpacked and run from its rootfs`, { timeout: 120_000 }, () => {
    const tmp = tempDir(`spokepilot-iox-${arch}-`);
    const pkg = join(tmp.dir, 'package');
    const image = join(tmp.dir, 'image');
    const rootfs = join(tmp.dir, 'rootfs');
    let descriptor: Descriptor;

    /** Runs a program of the rootfs with only the environment the descriptor gives the app. */
    const inRootfs = (file: string, args: string[], env: Record<string, string> = {}) => {
      const [command, prefix] = runner.run!(rootfs, file);
      return exec(command, [...prefix, ...args], {
        env: { PATH: '/opt/spokepilot:/usr/bin:/bin', ...descriptor.app.env, ...env },
        encoding: 'utf8',
      });
    };

    beforeAll(async () => {
      const built = await buildPackage(arch);
      for (const dir of [pkg, image, rootfs]) mkdirSync(dir);
      await exec('tar', ['-xf', built.file, '-C', pkg]);
      descriptor = parse(readFileSync(join(pkg, 'package.yaml'), 'utf8')) as Descriptor;
      await exec('tar', ['-xzf', join(pkg, 'artifacts.tar.gz'), '-C', tmp.dir]);
      await exec('tar', ['-xf', join(tmp.dir, 'rootfs.tar'), '-C', image]);
      const [manifest] = JSON.parse(readFileSync(join(image, 'manifest.json'), 'utf8')) as { Layers: string[] }[];
      for (const layer of manifest!.Layers) await exec('tar', ['-xf', join(image, layer), '-C', rootfs]);
    }, 600_000); // a cold aarch64 build cross-compiles better-sqlite3: 90 s idle, 4 min on a busy 2-core machine (.ci/run builds it first)
    afterAll(() => tmp.cleanup());

    it('has package.mf with the right SHA256 of every other member', () => {
      const lines = readFileSync(join(pkg, 'package.mf'), 'utf8').trim().split('\n');
      const listed = lines.map((line) => {
        const m = /^SHA256\((.+)\)= ([0-9a-f]{64})$/.exec(line);
        expect(m, line).not.toBeNull();
        expect(sha256(join(pkg, m![1]!)), m![1]).toBe(m![2]);
        return m![1];
      });
      expect(listed.sort()).toEqual([...PACKAGE_MEMBERS].sort());
    });

    it('has a package.yaml valid against its IOx schema (2.10) and the newest one here', () => {
      expect(descriptorProblems(descriptor)).toEqual([]);
      expect(descriptorProblems(descriptor, '2.17')).toEqual([]);
      expect(descriptorProblems({ ...descriptor, app: { ...descriptor.app, profile: 'c1.huge' } })).not.toEqual([]);
      expect(descriptor).toMatchObject({ app: { cpuarch: arch, type: 'docker', resources: { profile: 'custom' } } });
    });

    it('has a docker-save rootfs.tar whose layer matches its config', () => {
      const [manifest] = JSON.parse(readFileSync(join(image, 'manifest.json'), 'utf8')) as { Config: string; Layers: string[] }[];
      const config = JSON.parse(readFileSync(join(image, manifest!.Config), 'utf8')) as {
        architecture: string;
        rootfs: { diff_ids: string[] };
      };
      expect(config.architecture).toBe(DOCKER_ARCH[arch]);
      expect(config.rootfs.diff_ids).toEqual(manifest!.Layers.map((l) => `sha256:${sha256(join(image, l))}`));
      expect(existsSync(join(rootfs, descriptor.app.startup.target[0]!))).toBe(true);
      expect(lstatSync(join(rootfs, HEALTHCHECK)).isSymbolicLink() && readlinkSync(join(rootfs, HEALTHCHECK))).toBe('spokepilot');
    });

    it('runs --help and parses show output inside the rootfs', async () => {
      expect((await inRootfs(EXECUTABLE, ['--help'])).stdout).toContain('Usage: spokepilot <command>');
      copyFileSync(SHOW_VERSION, join(rootfs, 'tmp/show-version.txt'));
      const parsed = await inRootfs(EXECUTABLE, ['parse', 'show version', '/tmp/show-version.txt']);
      expect(JSON.parse(parsed.stdout)).toEqual([expect.objectContaining({ version: '03.06.05E' })]);
    });

    it('loads better_sqlite3.node and starts both workers inside the rootfs, under the descriptor heap bounds', async () => {
      const result = JSON.parse((await inRootfs(EXECUTABLE, ['self-test'])).stdout) as { ok: boolean; heapLimitMb: number };
      expect(result).toMatchObject({ ok: true, storedRoutes: 500 });
      expect(result.heapLimitMb).toBeLessThan(100);
    });

    it('runs the monitor script inside the rootfs: 0 when /healthz answers, 1 when nothing listens', async () => {
      const server = createServer((req, res) => res.writeHead(req.url === '/healthz' ? 200 : 404).end('ok'));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const env = { SPOKEPILOT_HTTP_PORT: String((server.address() as AddressInfo).port) };
      try {
        expect((await inRootfs(descriptor.app.monitor.script, healthArgs, env)).stdout).toContain(': 200 ok');
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
      await expect(inRootfs(descriptor.app.monitor.script, healthArgs, env)).rejects.toMatchObject({ code: 1 });
    });

    it("serves the dashboard page from the executable's own SEA assets (fleet serve), none of it beside the executable", async () => {
      const broker = await startEmbeddedBroker();
      const [command, prefix] = runner.run!(rootfs, EXECUTABLE);
      const child = spawn(
        command,
        [...prefix, 'fleet', 'serve', '--broker', broker.url, '--listen', '127.0.0.1:0', '--db', '/tmp/fleet.db'],
        {
          env: { PATH: '/opt/spokepilot:/usr/bin:/bin', ...descriptor.app.env },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let output = '';
      child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
      try {
        const deadline = Date.now() + 60_000;
        let url: string | undefined;
        while (!(url = /dashboard on (http:\S+)/.exec(output)?.[1])) {
          if (Date.now() > deadline || child.exitCode !== null)
            throw new Error(`fleet serve did not start; its output:\n${output.slice(-2000)}`);
          await new Promise((r) => setTimeout(r, 100));
        }
        const get = async (path: string) => {
          const res = await fetch(new URL(path, url));
          return { type: res.headers.get('content-type'), body: await res.text() };
        };
        expect(await get('/')).toEqual({ type: 'text/html; charset=utf-8', body: readFileSync('agent/fleet/web/index.html', 'utf8') });
        expect(await get('/app.css')).toEqual({ type: 'text/css; charset=utf-8', body: readFileSync('agent/fleet/web/style.css', 'utf8') });
        const js = await get('/app.js');
        expect(js.type).toBe('text/javascript; charset=utf-8');
        expect(js.body).toBe(readFileSync(join(DIST, '.sea', arch, 'app.js'), 'utf8')); // the bundle embedded at build
        expect(js.body.length).toBeGreaterThan(10_000);
        expect(existsSync(join(rootfs, dirname(EXECUTABLE), 'web'))).toBe(false);
      } finally {
        child.kill('SIGTERM');
        if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
        await broker.stop();
      }
    });

    if (arch === 'x86_64') {
      it('leaves a bundle that runs under plain node too, its workers started from the bundle file', async () => {
        const { stdout } = await exec(process.execPath, [BUNDLE, 'self-test'], { encoding: 'utf8' });
        expect(JSON.parse(stdout)).toMatchObject({ ok: true, storedRoutes: 500 });
      });
    }

    if (arch === 'x86_64') {
      it('runs the agent from the rootfs, as IOx starts it, against the lab and an embedded broker', async () => {
        // The lab spoke and the broker run on the host; chroot shares the host's network.
        const clock = new ScaledClock(1);
        const spoke = await startLabSpoke({ clock, seed: 2, users: [{ username: 'agent', password: 'agent', privilege: 15 }] });
        const broker = await startEmbeddedBroker();
        const watcher = await mqtt.connectAsync(broker.url, { clientId: 'smoke-watch' });
        const seen: { leaf: string; body: Record<string, unknown> }[] = [];
        watcher.on('message', (topic, payload) => seen.push({ leaf: topic.split('/').at(-1)!, body: JSON.parse(payload.toString()) }));
        await watcher.subscribeAsync('spokepilot/v1/#', { qos: 1 });
        const config = labAgentConfig(spoke.router.world, {
          sshPort: spoke.ssh.port,
          hostKeySha256: spoke.ssh.fingerprint,
          dbPath: '/data/spokepilot.db',
          mqttUrl: broker.url,
        });
        mkdirSync(join(rootfs, 'data/appdata'), { recursive: true });
        writeFileSync(join(rootfs, 'data/appdata/spokepilot.yaml'), stringify(config));
        writeFileSync(
          join(rootfs, 'data/package_config.ini'),
          '[config]\nfile = /data/appdata/spokepilot.yaml\n[agent]\nhttp_port = 18087\n',
        );
        const [command, prefix] = runner.run!(rootfs, descriptor.app.startup.target[0]!);
        const child = spawn(command, [...prefix, ...descriptor.app.startup.target.slice(1)], {
          env: {
            PATH: '/opt/spokepilot:/usr/bin:/bin',
            ...descriptor.app.env,
            CAF_APP_PERSISTENT_DIR: '/data',
            CAF_APP_CONFIG_FILE: '/data/package_config.ini',
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let output = '';
        child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
        child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
        const until = async (what: string, ok: () => boolean, ms = 40_000) => {
          const deadline = Date.now() + ms;
          while (!ok()) {
            if (Date.now() > deadline || child.exitCode !== null)
              throw new Error(`${what}: not seen; agent output:\n${output.slice(-2000)}`);
            await new Promise((r) => setTimeout(r, 100));
          }
        };
        try {
          await until('first state on MQTT', () =>
            seen.some((m) => m.leaf === 'state' && (m.body as { selected?: string }).selected === 'fibre-hub1'),
          );
          expect(seen.find((m) => m.leaf === 'status')?.body).toMatchObject({ state: 'online' });
          spoke.router.world.setHubUp('hub1', false);
          await until('the agent to steer to hub 2', () => spoke.router.state().clients[0]?.peer === '203.0.113.1');
          child.kill('SIGTERM');
          const code = await new Promise((resolve) => child.once('exit', resolve));
          expect(code).toBe(0);
          await until('offline status', () => seen.some((m) => m.leaf === 'status' && m.body.state === 'offline'), 5000);
          expect(existsSync(join(rootfs, 'data/spokepilot.db'))).toBe(true);
        } finally {
          if (child.exitCode === null) child.kill('SIGKILL');
          await watcher.endAsync();
          await broker.stop();
          await spoke.stop();
          clock.clearAll();
        }
      });
    }
  });
}
