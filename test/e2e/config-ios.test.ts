/**
 * `spokepilot config ios` (issue 13, item 3): the configuration it prints,
 * pasted over real SSH into a lab spoke that has only its interfaces (no
 * probes, tracks or FlexVPN client), is accepted line by line, passes the
 * agent's preflight, and brings the tunnel up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { SshRouterCli } from '../../agent/adapters/router/ssh-router-cli.js';
import { runPreflight } from '../../agent/shell/decide/run-preflight.js';
import { labAgentConfig } from '../../lab/harness/agent-config.js';
import { defaultLabConfig } from '../../lab/router/default-config.js';
import { startLabSpoke, type LabSpoke } from '../../lab/spoke.js';
import { defaultWorldSpec } from '../../lab/world/default-world.js';
import { ScaledClock } from '../../lab/world/clock.js';
import { runCli } from '../support/run-cli.js';
import { tempDir } from '../support/temp-dir.js';

const tmp = tempDir('spokepilot-ios-');
let clock: ScaledClock;
let spoke: LabSpoke;

/** The lab's default configuration without probes, tracks or the FlexVPN client block: interfaces, routes, DPD. */
function bareConfig(): string {
  const out: string[] = [];
  let skipping = false;
  for (const line of defaultLabConfig(defaultWorldSpec()).split('\n')) {
    if (!line.startsWith(' ')) skipping = /^(track \d+ |ip sla \d+$|ip sla schedule |crypto ikev2 client flexvpn )/.test(line);
    if (!skipping) out.push(line);
  }
  return out.join('\n');
}

describe('config ios, pasted into a bare lab spoke', () => {
  beforeAll(async () => {
    clock = new ScaledClock(5);
    spoke = await startLabSpoke({ clock, seed: 3, config: bareConfig(), users: [{ username: 'agent', password: 'agent', privilege: 15 }] });
  });
  afterAll(async () => {
    await spoke.stop();
    clock.clearAll();
    tmp.cleanup();
  });

  it('is accepted line by line, passes the preflight, and the tunnel comes up', async () => {
    const lab = labAgentConfig(spoke.router.world, {
      sshPort: spoke.ssh.port,
      hostKeySha256: spoke.ssh.fingerprint,
      dbPath: join(tmp.dir, 'a.db'),
    });
    // An in-tunnel probe's target (a host behind the hubs) is the operator's to choose: the generator leaves a template.
    const config = { ...lab, flexvpn: { ...lab.flexvpn, tunnelSlaOperations: [] } };
    const file = join(tmp.dir, 'agent.yaml');
    writeFileSync(file, stringify(config));
    const router = new SshRouterCli({
      host: '127.0.0.1',
      port: spoke.ssh.port,
      username: 'agent',
      password: 'agent',
      hostKeySha256: spoke.ssh.fingerprint,
      acceptAnyHostKey: false,
      connectTimeoutMs: 5000,
      commandTimeoutMs: 10_000,
    });
    try {
      expect((await runPreflight(config, router)).status).toBe('failed'); // bare: no client, no stubs
      const printed = await runCli(['config', 'ios', file]);
      expect(printed.code).toBe(0);
      const lines = printed.stdout.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('!'));
      expect(lines.length).toBeGreaterThan(10);
      await router.configure(lines.map((l) => l.trim())); // rejects at the first line IOS refuses
      expect(await runPreflight(config, router)).toMatchObject({ status: 'passed' });
      const deadline = Date.now() + 30_000;
      while (spoke.router.state().clients[0]?.phase !== 'connected') {
        if (Date.now() > deadline) throw new Error(`the tunnel did not come up: ${JSON.stringify(spoke.router.state().clients[0])}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(spoke.router.state().clients[0]).toMatchObject({
        peer: config.flexvpn.peers[0]!.address,
        source: config.flexvpn.sources[0]!.interface,
      });
    } finally {
      await router.close();
    }
  }, 60_000);
});
