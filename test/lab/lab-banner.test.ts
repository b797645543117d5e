/** What `spokepilot lab` says it simulates, and the agent configuration it prints for itself. */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { validateConfig } from '../../agent/config/validate.js';
import { agentConfigYaml } from '../../lab/lab-agent-config.js';
import { labBanner } from '../../lab/lab-banner.js';
import type { LabRouter } from '../../lab/router/index.js';
import { persistentHostKey } from '../../lab/ssh/persistent-host-key.js';
import { labRouter } from './lab-helpers.js';

let router: LabRouter | undefined;
afterEach(() => router?.stop());

const ACCESS = { user: 'admin', password: 'admin', host: '127.0.0.1', port: 2222, fingerprint: `SHA256:${'A'.repeat(43)}`, speed: 1 };

describe('labBanner', () => {
  it('names the client, hubs, WANs, tracks, SLA ids and syslog destination from the running configuration', () => {
    router = labRouter({ syslog: { host: '127.0.0.1', port: 5514 } }).router;
    const text = labBanner(router, ACCESS).join('\n');
    expect(text).toContain(`ssh admin@127.0.0.1 -p 2222  (password admin; host key ${ACCESS.fingerprint})`);
    expect(text).toContain('hubs     hub1 198.51.100.1, hub2 203.0.113.1');
    expect(text).toContain('crypto ikev2 client flexvpn SPOKE, connects Tunnel100');
    expect(text).toContain('peer 1 198.51.100.1 track 101');
    expect(text).toContain('source 2 Cellular0/1/0 track 202');
    expect(text).toContain('tracks   ip sla 1 2 11 12 21 22; stub 101 102 111 112; list 201 202');
    expect(text).toMatch(/IP SLA {3}1 8\.8\.8\.8 via GigabitEthernet0\/0, .*22 203\.0\.113\.1 via Cellular0\/1\/0$/m);
    expect(text).toContain('syslog   to 127.0.0.1 udp/5514');
    expect(text).toContain('spokepilot lab --print-agent-config');
  });

  it('describes a dual-cloud spoke: its tunnels, BGP neighbours and the other spoke', () => {
    router = labRouter({ topology: 'dual-cloud' }).router;
    const text = labBanner(router, ACCESS).join('\n');
    expect(text).toContain('a simulated IR829 FlexVPN dual-cloud spoke');
    expect(text).toContain(
      'tunnel   Tunnel1 to 198.51.100.1 from GigabitEthernet0/0\n  tunnel   Tunnel2 to 203.0.113.1 from GigabitEthernet0/0',
    );
    expect(text).toContain('BGP      AS 65000, neighbors 172.31.1.1 (fall-over), 172.31.2.1 (fall-over)');
    expect(text).toContain('spokes   spoke2 10.20.13.0/24 (NBMA 192.0.2.50)');
    expect(text).not.toContain('crypto ikev2 client flexvpn');
    expect(text).not.toContain('--print-agent-config');
  });

  it('follows configuration typed since boot, and says when syslog goes nowhere', () => {
    router = labRouter().router;
    router.configure('track 7 stub-object\nip sla 99\n icmp-echo 192.0.2.200');
    const text = labBanner(router, ACCESS).join('\n');
    expect(text).toContain('stub 7 101 102 111 112');
    expect(text).toContain('99 192.0.2.200');
    expect(text).toContain('syslog   not sent (start with --syslog HOST:PORT to send it)');
  });
});

describe('agentConfigYaml', () => {
  it('is a valid agent configuration for the lab: its user, port, host key and syslog port', () => {
    router = labRouter().router;
    const yaml = agentConfigYaml(router.world, 'failover', {
      sshPort: 2299,
      user: 'eng',
      password: 'pw',
      fingerprint: ACCESS.fingerprint,
      syslog: { host: '127.0.0.1', port: 5599 },
    });
    const checked = validateConfig(parse(yaml));
    expect(checked.ok ? [] : checked.issues).toEqual([]);
    if (!checked.ok) return;
    expect(checked.config.router.ssh).toMatchObject({
      host: '127.0.0.1',
      port: 2299,
      username: 'eng',
      password: 'pw',
      hostKeySha256: ACCESS.fingerprint,
    });
    expect(checked.config.syslog.listen).toBe('127.0.0.1:5599');
    expect(checked.config.flexvpn?.client).toBe('SPOKE');
    expect(checked.config.candidates.map((c) => c.id)).toEqual(['fibre-hub1', 'fibre-hub2', 'lte-hub1', 'lte-hub2']);
  });

  it("for the dual-cloud spoke: a valid dual-cloud configuration, its hubs the lab world's, and the header says to paste config ios", () => {
    const world = labRouter({ topology: 'dual-cloud' }).router.world;
    const yaml = agentConfigYaml(world, 'dual-cloud', { sshPort: 2299, user: 'eng', password: 'pw', fingerprint: ACCESS.fingerprint });
    const checked = validateConfig(parse(yaml));
    expect(checked.ok ? [] : checked.issues).toEqual([]);
    if (!checked.ok) return;
    expect(checked.config.topology).toBe('dual-cloud');
    expect(checked.config.dualCloud?.hubs.map((h) => h.neighbor)).toEqual(world.hubs().map((h) => h.tunnelAddress));
    expect(checked.config.router.ssh).toMatchObject({ port: 2299, username: 'eng', password: 'pw' });
    expect(yaml).toMatch(/--topology dual-cloud/);
    expect(yaml).toMatch(/spokepilot config ios FILE/);
  });
});

describe('persistentHostKey', () => {
  it('creates the key once (0600) and serves the same one afterwards, also to two callers at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-key-'));
    try {
      const path = join(dir, 'keys', 'ssh_host_rsa_key');
      const [a, b] = await Promise.all([persistentHostKey(path), persistentHostKey(path)]);
      expect(b.fingerprint).toBe(a.fingerprint);
      expect((await persistentHostKey(path)).fingerprint).toBe(a.fingerprint);
      expect(statSync(path).mode & 0o777).toBe(0o600);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('spokepilot lab --topology', () => {
  it('refuses an unknown topology, and a scenario of the other topology, before touching anything', async () => {
    const { labCommand } = await import('../../lab/lab-command.js');
    const errors: string[] = [];
    const original = console.error;
    console.error = (line: string) => {
      errors.push(line);
    };
    try {
      expect(await labCommand(['--topology', 'mesh'])).toBe(2);
      // A failover scenario is not a dual-cloud one: the error lists the topology's own.
      expect(await labCommand(['--topology', 'dual-cloud', '--scenario', 'hub-drain', '--ssh-port', '0'])).toBe(2);
    } finally {
      console.error = original;
    }
    expect(errors[0]).toBe('spokepilot lab: --topology must be failover or dual-cloud, not "mesh"');
    expect(errors[1]).toMatch(/^spokepilot lab: no dual-cloud scenario "hub-drain": give a file, or one of .*dual-cloud-hub1-brownout/);
  });
});
