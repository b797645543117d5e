import { describe, expect, it } from 'vitest';
import { createServer, type AddressInfo } from 'node:net';
import { runCli } from '../support/run-cli.js';

describe('spokepilot lab (real bin)', () => {
  it('plays hub1-dies: the SA lingers until DPD gives up, then peer 2, and stops at the end', async () => {
    const r = await runCli(['lab', '--scenario', 'hub1-dies', '--speed', '50', '--ssh-port', '0']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    const died = lines.findIndex((l) => l.includes('hub hub1 dies'));
    const dpdDown = lines.findIndex((l) => /IKEv2 SA to \S+ DOWN \(DPD/.test(l));
    const peer2 = lines.findIndex((l) => /peer 2 \S+ active/.test(l));
    expect(died).toBeGreaterThan(0);
    expect(dpdDown).toBeGreaterThan(died);
    expect(peer2).toBeGreaterThan(dpdDown);
    expect(r.stdout).toMatch(/end of hub1-dies: FlexVPN SPOKE connected, peer \S+ via GigabitEthernet0\/0/);
  }, 60_000);

  it('demo --compare says its speed and that IOS alone plays next, then prints both arms', async () => {
    const r = await runCli(['demo', '--scenario', 'hub1-dies', '--speed', '50', '--compare']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^spokepilot demo: hub1-dies at 50x real time \(90 s of scenario in about 2 s\): /m);
    const announced = r.stdout.indexOf('--compare: playing hub1-dies again with IOS alone (no agent) at 50x real time');
    const summary = r.stdout.indexOf('Summary of hub1-dies');
    expect(announced).toBeGreaterThan(0);
    expect(summary).toBeGreaterThan(announced);
    expect(r.stdout).toMatch(/^ {2}agent {6}time to a working path/m);
    expect(r.stdout).toMatch(/^ {2}IOS alone {2}time to a working path/m);
  }, 90_000);

  it('names the problem with a bad scenario or option', async () => {
    const r = await runCli(['lab', '--scenario', 'no-such-scenario', '--ssh-port', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /no failover scenario "no-such-scenario": give a file, or one of agent-killed-mid-fault, both-hubs-degrade, both-wans-down, brownout, /,
    );
    const demo = await runCli(['demo', '--scenario', 'no-such-scenario']);
    expect(demo.code).toBe(2);
    expect(demo.stderr).not.toContain('ENOENT');
    // A port in use is said plainly, with no stack trace.
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    try {
      const taken = await runCli(['lab', '--ssh-port', String((busy.address() as AddressInfo).port)]);
      expect(taken.code).toBe(1);
      expect(taken.stderr).toMatch(/cannot listen on port \d+: already in use/);
      expect(taken.stderr).not.toMatch(/^\s+at /m);
    } finally {
      busy.close();
    }
    const speed = await runCli(['lab', '--speed', 'fast']);
    expect(speed.code).toBe(2);
    expect(speed.stderr).toContain('--speed');
  });
});
