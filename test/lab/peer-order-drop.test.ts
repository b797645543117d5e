/**
 * Red-team finding 9, second half: IOS `peer 1 X` replaces seq 1, so a
 * peer-order session dropped after its first `peer` line left hub 1 out of the
 * client, and IOS could not fail over to it. Here the lab (which follows IOS)
 * drops the SSH session after each line of the plan in turn; every configured
 * hub must still be in the client, read back over a new session.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planPeerOrder } from '../../agent/core/actuation/plan.js';
import type { CommandDef, LabDevice } from '../../lab/cli/grammar.js';
import { createLabRouter, type LabRouter } from '../../lab/router/index.js';
import { generateHostKeyPem } from '../../lab/ssh/host-key.js';
import { startLabSshServer, type LabSshServer } from '../../lab/ssh/server.js';
import { ScaledClock } from '../../lab/world/clock.js';
import { labSshCli } from '../../lab/harness/lab-ssh-cli.js';

const HUB1 = '198.51.100.1';
const HUB2 = '203.0.113.1';
const TARGETS = {
  client: 'SPOKE',
  peers: [
    { address: HUB1, stubTrack: 101 },
    { address: HUB2, stubTrack: 102 },
  ],
  sources: [
    { interface: 'GigabitEthernet0/0', stubTrack: 111 },
    { interface: 'Cellular0/1/0', stubTrack: 112 },
  ],
};
const PLAN = planPeerOrder(TARGETS, HUB2, HUB1).configLines;

/** The router, whose SSH sessions all drop right after the `n`-th configuration line it applies; nothing after it is applied. */
function droppingAfter(router: LabRouter, n: number, drop: () => void): LabDevice {
  let applied = 0;
  const wrap = (def: CommandDef): CommandDef => ({
    ...def,
    handler: (ctx, args) => {
      if (applied >= n) return undefined; // the connection is gone: nothing more arrives
      const result = def.handler(ctx, args);
      if (++applied === n) drop();
      return result;
    },
  });
  return {
    hostname: () => router.hostname(),
    configured: (by) => router.configured(by),
    commands: () => router.commands().map((def) => (def.modes.some((m) => m.startsWith('config')) ? wrap(def) : def)),
  };
}

const peersOf = (runningConfig: string) => {
  const block = /crypto ikev2 client flexvpn SPOKE\n((?: .*\n)*)/.exec(runningConfig)?.[1] ?? '';
  return [...block.matchAll(/^ +peer (\d+) (\S+)/gm)].map((m) => ({ seq: Number(m[1]), address: m[2]! }));
};

/** The lab's peers (seq: address) once the first `n` plan lines are applied to its default client (hub 1 at 1, hub 2 at 2). */
const afterLines = (n: number) => {
  const peers = new Map([
    [1, HUB1],
    [2, HUB2],
  ]);
  for (const line of PLAN.slice(0, n)) {
    const set = /^peer (\d+) (\S+)$/.exec(line);
    const del = /^no peer (\d+)$/.exec(line);
    if (set) peers.set(Number(set[1]), set[2]!);
    if (del) peers.delete(Number(del[1]));
  }
  return [...peers].sort(([a], [b]) => a - b).map(([seq, address]) => ({ seq, address }));
};

describe('peer-order steer dropped after each line (lab over real SSH)', () => {
  let hostKey: string;
  const clock = new ScaledClock(20);
  beforeAll(async () => {
    hostKey = await generateHostKeyPem();
  });
  afterAll(() => clock.clearAll());

  it.each(PLAN.map((line, i) => ({ n: i + 1, line })))('dropped after line $n ($line): every hub still in the client', async ({ n }) => {
    const router = createLabRouter({ clock, seed: 5 });
    const ssh: LabSshServer = await startLabSshServer({
      device: droppingAfter(router, n, () => ssh.dropSessions()),
      hostKey,
      users: [{ username: 'a', password: 'a', privilege: 15 }],
    });
    const cli = () => labSshCli(ssh, { username: 'a', password: 'a' }, { connectTimeoutMs: 5000, commandTimeoutMs: 5000 });
    const steering = cli();
    try {
      const outcome = await steering.configure(PLAN).then(
        () => 'applied',
        (e: { code?: string }) => e.code,
      );
      if (n < PLAN.length) expect(outcome).toBe('ROUTER_DISCONNECTED');
      const reader = cli();
      const peers = peersOf(await reader.show('show running-config'));
      await reader.close();
      expect(peers).toEqual(afterLines(n)); // the session really ended after line n
      expect(new Set(peers.map((p) => p.address))).toEqual(new Set([HUB1, HUB2]));
    } finally {
      await steering.close();
      await ssh.close();
      router.stop();
    }
  });

  it('applied in full, hub 2 first and hub 1 after it, nothing left at the spare seqs', async () => {
    const router = createLabRouter({ clock, seed: 5 });
    const ssh = await startLabSshServer({ device: router, hostKey, users: [{ username: 'a', password: 'a', privilege: 15 }] });
    const cli = labSshCli(ssh, { username: 'a', password: 'a' }, { connectTimeoutMs: 5000, commandTimeoutMs: 5000 });
    try {
      await cli.configure(PLAN);
      expect(peersOf(await cli.show('show running-config'))).toEqual([
        { seq: 1, address: HUB2 },
        { seq: 2, address: HUB1 },
      ]);
    } finally {
      await cli.close();
      await ssh.close();
      router.stop();
    }
  });
});
