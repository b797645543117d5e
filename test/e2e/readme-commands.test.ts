/**
 * Every command line the README documents (the rule is in
 * test/support/readme-commands.ts) runs here against real parts: the bin,
 * the lab spoke over real SSH (OpenSSH's client too), an embedded MQTT broker,
 * a temporary data directory. Each must exit as documented; one that keeps
 * running is checked for its first sign of life, then stopped. A line that
 * cannot run here is in NOT_RUN_HERE with the reason, so a newly documented
 * line fails the first test until it is handled.
 *
 * What the test changes in a line, and why: `npx spokepilot` runs the bin
 * directly (npx only finds it, and costs seconds; `npx spokepilot --help` runs
 * through npx to prove that); the README's placeholders (my-spoke.yaml,
 * saved-output.txt, DIR, router, mqtt://broker:1883, port 8087) stand for the
 * files and the servers set up below; `spokepilot lab` gets a free port
 * instead of 2222, which another program may hold.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { labAgentConfig } from '../../lab/harness/agent-config.js';
import { freeTcpPort } from '../../lab/harness/free-port.js';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../lab/embedded-broker.js';
import { startLabSpoke, type LabSpoke } from '../../lab/spoke.js';
import { ScaledClock } from '../../lab/world/clock.js';
import { documentedCommandLines } from '../support/readme-commands.js';
import { childEnv, sh, Started, type Finished } from '../support/shell-line.js';
import { tempDir } from '../support/temp-dir.js';
import { waitFor } from '../support/wait-for.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

const NOT_RUN_HERE: Record<string, string> = {
  'npm ci': 'reinstalls node_modules under every other test; .ci/run starts with it on a fresh machine',
  'npm test': 'the suite this test is part of',
  'npm run test:unit': 'part of npm test',
  'npm run test:faults': 'part of npm test',
  'npm run test:integration': 'part of npm test',
  'npm run test:lab': 'part of npm test',
  'npm run test:e2e': 'part of npm test (this file is in it)',
  'npm run check': "its typecheck and lint are .ci/run's own steps; its format:check is the developer's, before a commit",
  'npm run format': 'rewrites the sources in place (layout only); the tree is kept formatted, which npm run check checks',
  'npm run build:cli':
    'test/support/compile-cli-setup.ts runs it before the tests; here it would swap dist/cli under the bins other test files start',
  'npm run bench -- cli': 'a benchmark: figures, never asserted (DESIGN §6)',
  'npm run build': 'test/build/package-smoke.test.ts builds the single executable and runs it',
  'npm run package:iox -- --arch x86_64': 'test/build/package-smoke.test.ts builds this package and runs it in its rootfs',
  'npm run package:iox -- --arch aarch64':
    'needs the aarch64 cross toolchain and qemu-user; test/build/package-smoke.test.ts runs it where they are',
  'npm run bench': 'every benchmark group: about 20 minutes of figures, never asserted (DESIGN §6)',
  'npm run bench -- parse': 'a benchmark: figures, never asserted (DESIGN §6)',
  'npm run bench -- footprint': 'a benchmark of ten minutes (and the single executable)',
  'npm run bench -- failover': 'a benchmark of about fifteen minutes (with the dual-cloud group)',
  'npm run bench -- classes': 'a benchmark of a few minutes: figures, never asserted (DESIGN §6)',
  'npm run bench -- dual-cloud':
    'a benchmark of about five minutes: figures, never asserted (DESIGN §6); test/lab/dual-cloud-arms.test.ts and dual-cloud-scenarios.test.ts play its arms on one seed',
  'npm run broker:cluster -- start':
    'starts three RabbitMQ nodes for half a minute on fixed ports; test/integration/mqtt/broker-matrix.test.ts starts and stops its own cluster through the same module (lab/brokers/rabbitmq-cluster.ts)',
  'npm run fleet:sim -- --nodes 1000 --broker mqtt://127.0.0.1:25611,mqtt://127.0.0.1:25612,mqtt://127.0.0.1:25613':
    'runs until stopped against the cluster above; broker-matrix.test.ts runs the same SimFleet on every broker',
  'npx spokepilot fleet --broker mqtt://127.0.0.1:25611,mqtt://127.0.0.1:25612 --spread 2':
    'a live view against the cluster above; broker-matrix.test.ts runs spokepilot fleet --once against every broker with several --broker URLs',
  'npm run broker:cluster -- kill-node 1': 'needs the cluster above; broker-matrix.test.ts kills a node of its own cluster',
  'npm run broker:cluster -- stop': 'needs the cluster above; broker-matrix.test.ts stops its own',
  'npm run bench -- fleet': 'a benchmark of about eight minutes: figures, never asserted (DESIGN §6)',
};

describe('every command line the README documents', () => {
  const tmp = tempDir('spokepilot-readme-');
  const work = tmp.dir;
  const clock = new ScaledClock(1);
  let spoke: LabSpoke;
  let broker: EmbeddedBroker;
  let httpPort: number;
  let agent: Started | undefined;
  const ran = new Set<string>();
  /** Plays for some 10 s, mostly waiting on the lab's clock: started first, judged in its turn. */
  let labScenario: Promise<Finished>;

  beforeAll(async () => {
    labScenario = sh('npx spokepilot lab --scenario hub1-dies --speed 10 --ssh-port 0', work);
    // OpenSSH's client logs in to the lab with a key: no password prompt.
    const key = join(work, 'id_ed25519');
    expect((await sh(`ssh-keygen -q -t ed25519 -N '' -f ${key}`, work)).code).toBe(0);
    spoke = await startLabSpoke({
      clock,
      seed: 3,
      users: [
        { username: 'agent', password: 'agent', privilege: 15 },
        { username: 'admin', authorizedKeys: [readFileSync(`${key}.pub`, 'utf8')], privilege: 15 },
      ],
    });
    broker = await startEmbeddedBroker();
    httpPort = await freeTcpPort();
    const keygen = await sh('npx spokepilot fleet keygen --out ops-1', work);
    expect(keygen.code, keygen.stderr).toBe(0);
    ran.add('npx spokepilot fleet keygen --out ops-1');
    const config = labAgentConfig(spoke.router.world, {
      sshPort: spoke.ssh.port,
      hostKeySha256: spoke.ssh.fingerprint,
      dbPath: join(work, 'data/spokepilot.db'),
      mqttUrl: broker.url,
      commandKeys: [{ id: 'ops-1', publicKey: readFileSync(join(work, 'ops-1.pub'), 'utf8') }],
    });
    // The README's example spoke, so its fleet lines address this one.
    Object.assign(config, { site: 'branch-042', node: 'ir829-042' });
    config.http = { ...config.http, listen: `127.0.0.1:${httpPort}` };
    writeFileSync(join(work, 'my-spoke.yaml'), stringify(config));
    copyFileSync(
      join(ROOT, 'test/corpus/genieparser/show_crypto_ikev2_sa/iosxe/ShowCryptoIkev2Sa/golden_output1_output.txt'),
      join(work, 'saved-output.txt'),
    );
    writeSmallCorpus(join(work, 'corpus'));
  }, 60_000);

  afterAll(async () => {
    await agent?.stop();
    await spoke?.stop();
    await broker?.stop();
    clock.clearAll();
    tmp.cleanup();
  });

  /** The agent of my-spoke.yaml, started once for the lines that need one running. */
  async function runningAgent(): Promise<Started> {
    if (!agent) {
      agent = new Started('npx spokepilot run --config my-spoke.yaml', work);
      await waitFor(
        'the agent to answer /healthz',
        async () => (await fetch(`http://127.0.0.1:${httpPort}/healthz`).catch(() => undefined))?.ok,
        30_000,
      );
    }
    return agent;
  }

  /**
   * The two lab lines together, as the README gives them: a lab on a fixed port
   * (a free one here, not 2222) with its host key kept in a file, the agent
   * configuration it prints, and the preflight of that configuration against it.
   */
  let labConfigChecked: Promise<void> | undefined;
  function labAgentConfigLines(): Promise<void> {
    labConfigChecked ??= (async () => {
      const port = await freeTcpPort();
      const opts = `--ssh-port ${port} --host-key lab-host-key`;
      const lab = new Started(`npx spokepilot lab ${opts}`, work);
      try {
        await lab.output(/ssh (\w+)@127\.0\.0\.1 -p (\d+)/, 'the lab to say where it listens');
        const printed = await sh(`npx spokepilot lab --print-agent-config ${opts} > lab-agent.yaml`, work);
        expect(printed.code, printed.stderr).toBe(0);
        const r = await sh('npx spokepilot config check lab-agent.yaml --router', work);
        expect(r.code, r.stdout + r.stderr).toBe(0);
        expect(r.stdout).toContain('router: matches the configuration');
      } finally {
        await lab.stop('SIGINT');
      }
    })();
    return labConfigChecked;
  }

  async function stopAgent(): Promise<void> {
    const stopping = agent;
    agent = undefined;
    if (stopping) expect(await stopping.stop()).toBe(0);
  }

  const HANDLERS: Record<string, () => Promise<void>> = {
    'npm start': async () => demo('npm start', 'brownout'),
    'npm start -- --scenario hub1-dies': async () => demo('npm start -- --scenario hub1-dies', 'hub1-dies'),
    'npm start -- --topology dual-cloud --scenario dual-cloud-hub1-brownout': async () =>
      demo('npm start -- --topology dual-cloud --scenario dual-cloud-hub1-brownout', 'dual-cloud-hub1-brownout'),
    'npx spokepilot --help': async () => {
      const help = await new Promise<Finished>((resolve) => {
        const c = spawn('npx', ['spokepilot', '--help'], { cwd: ROOT, env: childEnv() });
        let stdout = '';
        c.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        c.on('exit', (code) => resolve({ code, stdout, stderr: '' }));
      });
      expect(help.code).toBe(0);
      for (const command of ['run', 'parse', 'demo', 'lab', 'status', 'routes', 'config', 'events', 'fleet', 'health'])
        expect(help.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    },
    'npx spokepilot lab': async () => {
      const lab = new Started('npx spokepilot lab --ssh-port 0', work);
      const [, user, port] = await lab.output(/ssh (\w+)@127\.0\.0\.1 -p (\d+)/, 'the lab to say where it listens');
      expect(user).toBe('admin');
      expect(await sshBanner(Number(port))).toMatch(/^SSH-2\.0-/);
      expect(await lab.stop('SIGINT')).toBe(0);
    },
    'npx spokepilot lab --print-agent-config > lab-agent.yaml': async () => labAgentConfigLines(),
    'npx spokepilot config check lab-agent.yaml --router': async () => labAgentConfigLines(),
    'npx spokepilot lab --scenario hub1-dies --speed 10': async () => {
      const r = await labScenario;
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/end of hub1-dies: FlexVPN SPOKE connected, peer \S+ via GigabitEthernet0\/0/);
    },
    'npx spokepilot parse "show crypto ikev2 sa" saved-output.txt': async () => {
      const r = await sh('npx spokepilot parse "show crypto ikev2 sa" saved-output.txt', work);
      expect(r.code, r.stderr).toBe(0);
      expect((JSON.parse(r.stdout) as unknown[]).length).toBeGreaterThan(0);
    },
    'npx spokepilot parse "show crypto ikev2 sa" saved-output.txt --explain': async () => {
      const r = await sh('npx spokepilot parse "show crypto ikev2 sa" saved-output.txt --explain', work);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^show crypto ikev2 sa: \d+ record\(s\); lines: \d+ recorded, /);
      expect(r.stdout).toMatch(/-> new record 1: /);
    },
    'ssh admin@router "show track brief" | npx spokepilot parse "show track brief"': async () => {
      const ssh = `ssh -i id_ed25519 -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes -p ${spoke.ssh.port} admin@127.0.0.1`;
      const r = await sh(`${ssh} "show track brief" < /dev/null | npx spokepilot parse "show track brief"`, work);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual(expect.arrayContaining([expect.objectContaining({ id: 101, type: 'stub-object' })]));
    },
    'npx spokepilot parse --help': async () => {
      const r = await sh('npx spokepilot parse --help', work);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^Supported commands:\n( {2}show .*\n)+/m);
    },
    'npm run conformance': async () => conformance('npm run conformance'),
    'npm run conformance -- --corpus DIR': async () => conformance(`npm run conformance -- --corpus ${join(work, 'corpus')}`),
    'npm run conformance -- --command "show ip route" --verbose': async () =>
      conformance('npm run conformance -- --command "show ip route" --verbose'),
    'npx spokepilot config check config/examples/ir829-dual-wan.yaml': async () => {
      const r = await sh('npx spokepilot config check config/examples/ir829-dual-wan.yaml', ROOT);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('valid');
    },
    'npx spokepilot config check config/examples/ir1101-dual-cloud.yaml': async () => {
      const r = await sh('npx spokepilot config check config/examples/ir1101-dual-cloud.yaml', ROOT);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('valid. site depot-08, node ir1101-08, dual-cloud, 2 hubs (BGP AS 65000)');
    },
    'npx spokepilot config ios config/examples/ir1101-dual-cloud.yaml': async () => {
      const r = await sh('npx spokepilot config ios config/examples/ir1101-dual-cloud.yaml', ROOT);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^ neighbor 172\.31\.2\.1 route-map SPOKEPILOT-OUT-HUB2 out$/m);
      expect(r.stdout).toMatch(/^ icmp-echo 172\.31\.1\.1 source-interface Tunnel1$/m);
    },
    'npx spokepilot config check my-spoke.yaml --print': async () => {
      const r = await sh('npx spokepilot config check my-spoke.yaml --print', work);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('site: branch-042');
      expect(r.stdout).not.toMatch(/password: agent/);
    },
    'npx spokepilot config check my-spoke.yaml --router': async () => {
      const r = await sh('npx spokepilot config check my-spoke.yaml --router', work);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('router: matches the configuration');
    },
    'npx spokepilot config check --explain policy.preemptDelaySec': async () => {
      const r = await sh('npx spokepilot config check --explain policy.preemptDelaySec', work);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^ {2}default: {2}300$/m);
      expect(r.stdout).toMatch(/^ {2}reload: {3}applied at once by a reload \(SIGHUP or set-policy\)$/m);
    },
    'npx spokepilot config ios my-spoke.yaml': async () => {
      const r = await sh('npx spokepilot config ios my-spoke.yaml', work);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^track 101 stub-object/m);
    },
    'npx spokepilot run --config my-spoke.yaml [--dry-run]': async () => {
      // Both forms start, answer /healthz, and stop cleanly on SIGTERM (enforce: the tracks restored).
      await stopAgent();
      await runningAgent();
      await stopAgent();
      const dry = new Started('npx spokepilot run --config my-spoke.yaml --dry-run', work);
      await waitFor(
        'the dry-run agent to answer /healthz',
        async () => (await fetch(`http://127.0.0.1:${httpPort}/healthz`).catch(() => undefined))?.ok,
        30_000,
      );
      expect(await dry.stop()).toBe(0);
    },
    'curl -s 127.0.0.1:8087/status': async () => {
      await runningAgent();
      const r = await sh(`curl -s 127.0.0.1:${httpPort}/status`, work);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ site: 'branch-042', node: 'ir829-042' });
    },
    'npx spokepilot status': async () => {
      await runningAgent();
      const r = await sh('npx spokepilot status', work, { SPOKEPILOT_HTTP_PORT: String(httpPort) });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('ir829-042');
    },
    'npx spokepilot fleet --broker mqtt://broker:1883': async () => {
      await runningAgent();
      const fleet = new Started(`npx spokepilot fleet --broker ${broker.url}`, work);
      await fleet.output(/ir829-042/, 'the fleet view to show the lab spoke');
      await fleet.stop();
    },
    'npx spokepilot fleet serve --broker mqtt://broker:1883 --operator-key ops-1.key --key-id ops-1 --db fleet.db': async () => {
      // A free port in place of the default 8088, which the demo may hold.
      const port = await freeTcpPort();
      const serve = new Started(
        `npx spokepilot fleet serve --broker ${broker.url} --operator-key ops-1.key --key-id ops-1 --db fleet.db --listen 127.0.0.1:${port}`,
        work,
      );
      const [, token] = await serve.output(/token "admin" \(may send commands\): (spk_\S+)/, 'the first token');
      const overview = await waitFor('the lab spoke on the dashboard', async () => {
        const text = await (await fetch(`http://127.0.0.1:${port}/api/overview`, { headers: { authorization: `Bearer ${token}` } })).text();
        return text.includes('ir829-042') && text;
      });
      expect(overview).toContain('"status":"online"');
      await serve.stop();
    },
    'npx spokepilot fleet serve --db fleet.db --new-token alice --commands': async () => {
      const r = await sh('npx spokepilot fleet serve --db fleet.db --new-token alice --commands', work);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^token "alice" \(may send commands\): spk_/);
    },
    'npx spokepilot fleet keygen --out ops-1': async () => {
      expect(ran.has('npx spokepilot fleet keygen --out ops-1')).toBe(true); // run first, in beforeAll: the agent's file names its public key
      expect(readFileSync(join(work, 'ops-1.pub'), 'utf8')).toContain('PUBLIC KEY');
    },
    'npx spokepilot fleet sign --key ops-1.key --key-id ops-1 --site branch-042 --node ir829-042 --cmd get-state': async () => {
      const r = await sh(
        'npx spokepilot fleet sign --key ops-1.key --key-id ops-1 --site branch-042 --node ir829-042 --cmd get-state',
        work,
      );
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ cmd: 'get-state', keyId: 'ops-1', site: 'branch-042', node: 'ir829-042' });
    },
    'npx spokepilot fleet send --broker mqtt://broker:1883 --key ops-1.key --key-id ops-1 --site branch-042 --node ir829-042 --cmd get-state':
      async () => {
        await runningAgent();
        const r = await sh(
          `npx spokepilot fleet send --broker ${broker.url} --key ops-1.key --key-id ops-1 --site branch-042 --node ir829-042 --cmd get-state`,
          work,
        );
        expect(r.code, r.stderr).toBe(0);
        expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, cmd: 'get-state' });
      },
    'npx spokepilot routes': async () => {
      await runningAgent();
      // The agent reads the routing table at start; the lab pushes 10.0.0.0/8 over the tunnel.
      await waitFor(
        'the cached table to hold the tunnel routes',
        async () => (await sh('npx spokepilot routes', work)).stdout.includes('10.0.0.0/8'),
        30_000,
        500,
      );
      const r = await sh('npx spokepilot routes', work);
      expect(r.code, r.stderr).toBe(0);
    },
    'npx spokepilot routes --at 2026-11-23T03:12Z': async () => {
      // Before this database's first table: refused, saying so (a table cached then is shown by test/e2e/cli-routes-events).
      const r = await sh('npx spokepilot routes --at 2026-11-23T03:12Z', work);
      expect(r.code).toBe(1);
      // The time is shown local (the machine's zone), with how long ago.
      expect(r.stderr).toMatch(/^spokepilot routes: no ipv4 global table cached at or before 2026-11-2[23] \d\d:\d\d:00 \(.* ago\)$/m);
    },
    'npx spokepilot routes diff --since 2h': async () => {
      const r = await sh('npx spokepilot routes diff --since 2h', work);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('10.0.0.0/8');
    },
    'npx spokepilot routes lookup 10.1.2.3': async () => {
      const r = await sh('npx spokepilot routes lookup 10.1.2.3', work);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('10.0.0.0/8');
    },
    'npx spokepilot routes --pushed': async () => {
      const r = await sh('npx spokepilot routes --pushed', work);
      expect(r.code, r.stderr).toBe(0);
    },
    'npx spokepilot events --since 1h --kind decision': async () => {
      const r = await sh('npx spokepilot events --since 1h --kind decision', work);
      expect(r.code, r.stderr).toBe(0);
    },
  };

  /** The demo prints as it plays when its output is not a terminal; its first router line is its sign of life. */
  async function demo(line: string, scenario: string): Promise<void> {
    const run = new Started(line, ROOT);
    await run.output(new RegExp(`spokepilot demo: ${scenario}`), `the demo to name ${scenario}`, 60_000);
    await run.output(/^router /m, 'the first line from the lab router', 60_000);
    await run.stop();
  }

  async function conformance(line: string): Promise<void> {
    const r = await sh(line, ROOT);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/conformance: [1-9]\d* passed, 0 failed/);
  }

  it('each is run below, or listed with the reason it cannot run here', () => {
    const documented = documentedCommandLines(README);
    const handled = [...Object.keys(HANDLERS), ...Object.keys(NOT_RUN_HERE)];
    expect(
      documented.filter((l) => !handled.includes(l)),
      'documented but neither run nor listed',
    ).toEqual([]);
    expect(
      handled.filter((l) => !documented.includes(l)),
      'run or listed but no longer documented',
    ).toEqual([]);
  });

  for (const line of documentedCommandLines(README).filter((l) => l in HANDLERS)) {
    it(
      line,
      async () => {
        await HANDLERS[line]!();
      },
      120_000,
    );
  }
});

/** The first line an SSH server sends (RFC 4253 §4.2). */
function sshBanner(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('data', (d: Buffer) => {
      resolve(d.toString().split('\r\n')[0]!);
      socket.destroy();
    });
    socket.once('error', reject);
  });
}

/** A corpus laid out like test/corpus (INDEX.tsv and the files it names), two `show version` outputs of it. */
function writeSmallCorpus(dir: string): void {
  const [header, ...rows] = readFileSync(join(ROOT, 'test/corpus/INDEX.tsv'), 'utf8').trim().split('\n');
  const picked = rows.filter((r) => r.split('\t')[1] === 'show version').slice(0, 2);
  for (const row of picked) {
    for (const file of row
      .split('\t')
      .slice(2, 5)
      .filter((f) => f !== '')) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      copyFileSync(join(ROOT, 'test/corpus', file), join(dir, file));
    }
  }
  writeFileSync(join(dir, 'INDEX.tsv'), `${[header, ...picked].join('\n')}\n`);
}
